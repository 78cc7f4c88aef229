from advies.uitwisseling import gesprekken_importeren
from toolkit.importeren import ImportCommando


class Command(ImportCommando):
    help = "Importeert historische adviesgesprekken uit CSV of XLSX (zie docs/importformaten.md); alles of niets."

    def importeer(self, bestand, **opties):
        return gesprekken_importeren(bestand, naam=bestand.name)

    def gelukt(self, aantal: int) -> str:
        return f"{aantal} adviesgesprekken geïmporteerd."
