from advies.uitwisseling import adviseurs_importeren
from toolkit.importeren import ImportCommando


class Command(ImportCommando):
    help = "Importeert de adviseurspool uit CSV of XLSX (naam, e-mail, cmo, actief_van, actief_tot); alles of niets."

    def importeer(self, bestand, **opties):
        return adviseurs_importeren(bestand, naam=bestand.name)

    def gelukt(self, aantal: int) -> str:
        return f"{aantal} adviseursperioden geïmporteerd."
