from gemeenten.uitwisseling import inwonertallen_importeren
from toolkit.importeren import ImportCommando


class Command(ImportCommando):
    help = "Importeert inwonertallen uit CSV of XLSX (kolommen cbs_code, peildatum, inwoners)."

    def importeer(self, bestand, **opties):
        return inwonertallen_importeren(bestand, bestand.name)

    def gelukt(self, telling) -> str:
        return f"{telling.nieuw} nieuw, {telling.gewijzigd} gewijzigd"
