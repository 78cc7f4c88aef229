from gemeenten.uitwisseling import contactpersonen_importeren
from toolkit.importeren import ImportCommando


class Command(ImportCommando):
    help = "Importeert contactpersonen uit CSV of XLSX (kolommen cbs_code, naam, e-mail, functie)."

    def importeer(self, bestand, **opties):
        return contactpersonen_importeren(bestand, bestand.name)

    def gelukt(self, telling) -> str:
        return f"{telling.nieuw} nieuw, {telling.gewijzigd} gewijzigd"
