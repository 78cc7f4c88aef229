"""One pipeline for every import of a spreadsheet.

The file is read by ``toolkit.tabular``; each row becomes a form whose fields are the fields of the
form a user fills in (so a row meets the same rules), read from spreadsheet cells; each valid row is
stored through the app's service, whose refusals become errors on that row. All of it runs in one
transaction: any error, in any row, and nothing is stored. Every error names its line and column.

An app describes an import by subclassing ``Import``; ``importeren`` runs it, ``ImportCommando``
is its management command; the upload page is ``importen.views.ImportPagina``.
"""

import copy
import datetime
from collections.abc import Callable, Hashable
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from toolkit.datums import parse_datum
from toolkit.invoer import DatumBereik
from toolkit.tabular import TOONBAAR, Fout, ImportFout, Tabel, lees_tabel, parse_moment

LEEG = (None, "")
GETOOND = 80  # a cell quoted in a message is cut to this many characters


def _getoond(cel: object) -> str:
    return "" if cel is None else str(cel)[:GETOOND]


class CelVeld(forms.Field):
    """A spreadsheet cell, checked by a field of one of the product's forms.

    ``lezer`` first turns the cell into a value by the spreadsheet grammar of ``toolkit.tabular``
    (its ``ValueError`` is the message); then ``veld``, the user's form field, checks it, so the
    import applies the form's rules. ``berichten`` rewords the field's messages for a file; in
    them ``%(value)s`` is the cell as written.
    """

    def __init__(self, veld: forms.Field | None = None, *, lezer: Callable | None = None, berichten=None):
        veld = copy.deepcopy(veld) if veld is not None else forms.Field(required=False)
        veld.error_messages = {**veld.error_messages, **(berichten or {})}
        self.veld, self.lezer = veld, lezer
        super().__init__(required=veld.required)

    def clean(self, cel):
        cel = cel.strip() if isinstance(cel, str) else cel
        if cel in LEEG and not self.required:
            return self.veld.clean(None)
        waarde = cel
        if self.lezer is not None:
            try:
                waarde = self.lezer(cel)
            except ValueError as exc:
                raise ValidationError(str(exc), code="invalid") from None
        try:
            return self.veld.clean(waarde)
        except ValidationError as exc:
            raise ValidationError([_met_cel(fout, cel) for fout in exc.error_list]) from None


def _met_cel(fout: ValidationError, cel: object) -> ValidationError:
    if "%(value)s" not in str(fout.message):
        return fout
    return ValidationError(
        fout.message, code=fout.code, params={**(fout.params or {}), "value": _getoond(cel)}
    )


class OpzoekVeld(forms.Field):
    """A cell naming one object by a key: a CBS code, an e-mail address, a name.

    ``sleutel`` turns the cell into the key of ``opties``; in ``bericht``, ``%(value)s`` is the
    cell as written and ``%(sleutel)s`` the key looked up.
    """

    def __init__(self, opties: dict, *, bericht: str, sleutel: Callable[[str], Hashable] = str.upper):
        self.opties, self.bericht, self.sleutel = opties, bericht, sleutel
        super().__init__()

    def clean(self, cel):
        sleutel = self.sleutel("" if cel is None else str(cel).strip())
        if sleutel in self.opties:
            return self.opties[sleutel]
        raise ValidationError(self.bericht, params={"value": _getoond(cel), "sleutel": _getoond(sleutel)})


class LijstVeld(OpzoekVeld):
    """A cell naming several objects, separated by ``;`` (or ``,``); empty is an empty list.

    In ``bericht``, ``%(waarden)s`` lists the unknown ones as written, ``%(sleutels)s`` as keys."""

    def clean(self, cel):
        delen = [d.strip() for d in str(cel or "").replace(",", ";").split(";") if d.strip()]
        onbekend = [d for d in delen if self.sleutel(d) not in self.opties]
        if onbekend:
            raise ValidationError(
                self.bericht,
                params={
                    "waarden": _getoond(", ".join(onbekend)),
                    "sleutels": _getoond(", ".join(str(self.sleutel(d)) for d in onbekend)),
                },
            )
        return [self.opties[self.sleutel(d)] for d in delen]


def datum_cel(*, required: bool = True, bereik: DatumBereik | None = None) -> CelVeld:
    """A cell holding a date, read by the product's one date grammar (``toolkit.datums``), within
    ``bereik`` when given (the range the form's field holds the date to)."""
    veld = forms.DateField(required=required, validators=[bereik] if bereik else [])
    return CelVeld(veld, lezer=parse_datum)


def _bewust(waarde: object) -> datetime.datetime:
    moment = parse_moment(waarde)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def moment_cel(*, required: bool = True, bereik: DatumBereik | None = None) -> CelVeld:
    """A cell holding a date, or a date and a time, as a moment in the product's time zone; its
    day within ``bereik`` when given."""
    return CelVeld(
        forms.DateTimeField(required=required, validators=[bereik] if bereik else []), lezer=_bewust
    )


class RijForm(forms.Form):
    """One row of a file as a form: each column read and checked by its field."""

    def __init__(self, rij: dict, velden: dict[str, forms.Field]):
        super().__init__(data=rij)
        self.fields = velden  # shared by every row: the fields keep no state of their own


class Import:
    """What one import is; an app subclasses it for each of its files.

    ``verplicht``: the columns a file must have. ``aliassen``: other spellings of a column
    (``{"email": "e-mail"}``). ``kolom_van``: the column a service's field came from, where their
    names differ (``{"email": "e-mail"}``).
    """

    verplicht: tuple[str, ...] = ()
    aliassen: dict[str, str] = {}
    kolom_van: dict[str, str] = {}

    def velden(self, kolommen: list[str]) -> dict[str, forms.Field]:
        """The field of each column (``kolommen`` is the file's header, in lower case)."""
        raise NotImplementedError

    def opslaan(self, gegevens: dict):
        """Store one valid row through the app's service; its ``ValidationError`` is the row's."""
        raise NotImplementedError

    def opslaan_alle(self, rijen: dict[int, dict]) -> tuple[list, dict[int, ValidationError]]:
        """Store every valid row (``rijen``: line → row): what was stored, and the service's
        refusal of each refused row by its line.

        By default each row by ``opslaan``, in a savepoint of its own; an import whose service
        stores many at once (one query for all rows, not several per row) overrides this.
        """
        opgeslagen, fouten = [], {}
        for regel, gegevens in rijen.items():
            try:
                with transaction.atomic():  # a row refused halfway leaves nothing of itself behind
                    opgeslagen.append(self.opslaan(gegevens))
            except ValidationError as exc:
                fouten[regel] = exc
        return opgeslagen, fouten

    def kopfouten(self, kolommen: list[str], naam: str) -> list[Fout]:
        """Problems with the header beyond a missing column (an unknown column, say)."""
        return []

    def sleutel(self, gegevens: dict) -> Hashable | None:
        """What may appear only once in a file (None: nothing, or not known for this row)."""
        return None

    def dubbel(self, gegevens: dict, eerder: int) -> tuple[str, str]:
        """The column and the message for a row whose ``sleutel`` was on line ``eerder`` already."""
        raise NotImplementedError


class _Fouten:
    """The problems of one stream of rows, found in line order: the first ``TOONBAAR`` kept,
    the rest only counted, so a file of 100,000 bad rows costs no memory for its messages."""

    def __init__(self):
        self.lijst: list[Fout] = []
        self.aantal = 0

    def __iadd__(self, fouten: list[Fout]):
        self.aantal += len(fouten)
        self.lijst += fouten[: max(TOONBAAR - len(self.lijst), 0)]
        return self


def importeren(imp: Import, bron, naam: str = "", voortgang: Callable | None = None) -> list:
    """Import a file (path, bytes or upload) all or nothing: returns what ``imp.opslaan`` returned
    for each row, or raises ``ImportFout`` with the problems (the first ``TOONBAAR`` by line, and
    how many there are), and then nothing is stored.

    ``voortgang(fase, verwerkt, totaal)`` hears how far it got ("lezen", "controleren" after
    every row, "opslaan"), each time outside the storing transaction."""
    meld = voortgang or _stil
    meld("lezen")
    tabel = _met_aliassen(lees_tabel(bron, naam), imp.aliassen)
    _controleer_kop(imp, tabel, naam)
    velden = imp.velden(tabel.kolommen)
    gezien: dict[Hashable, int] = {}
    rijfouten, weigeringen = _Fouten(), _Fouten()
    geldig: dict[int, dict] = {}
    for gedaan, (regel, rij) in enumerate(tabel.rijen, start=1):
        gegevens, fouten = _controleer_rij(imp, velden, regel, rij, gezien)
        if fouten:
            rijfouten += fouten
        else:
            geldig[regel] = gegevens
        meld("controleren", gedaan, len(tabel.rijen))
    meld("opslaan", len(tabel.rijen), len(tabel.rijen))
    with transaction.atomic():
        opgeslagen, geweigerd = imp.opslaan_alle(geldig)
        for regel, exc in geweigerd.items():
            weigeringen += _fouten_van(exc, regel, tabel.kolommen, imp.kolom_van)
        if rijfouten.aantal or weigeringen.aantal:
            # Both streams are in line order, so the first of all lie among the first of each.
            raise ImportFout(
                _op_volgorde(rijfouten.lijst + weigeringen.lijst, tabel.kolommen),
                totaal=rijfouten.aantal + weigeringen.aantal,
            )
    return opgeslagen


def _stil(fase: str, verwerkt: int = 0, totaal: int = 0) -> None:
    pass


def _met_aliassen(tabel: Tabel, aliassen: dict[str, str]) -> Tabel:
    namen = {alias: kolom for alias, kolom in aliassen.items() if alias in tabel.kolommen}
    namen = {alias: kolom for alias, kolom in namen.items() if kolom not in tabel.kolommen}
    if not namen:
        return tabel
    return Tabel(
        kolommen=[namen.get(k, k) for k in tabel.kolommen],
        rijen=[(regel, {namen.get(k, k): v for k, v in rij.items()}) for regel, rij in tabel.rijen],
    )


def _controleer_kop(imp: Import, tabel: Tabel, naam: str) -> None:
    if ontbrekend := tabel.ontbrekende_kolommen(list(imp.verplicht)):
        raise ImportFout([Fout(1, f"Kolommen ontbreken: {', '.join(ontbrekend)}.", bestand=naam)])
    fouten = imp.kopfouten(tabel.kolommen, naam)
    if not tabel.rijen:
        fouten.append(Fout(None, "Het bestand bevat geen rijen.", bestand=naam))
    if fouten:
        raise ImportFout(fouten)


def _controleer_rij(imp: Import, velden, regel: int, rij: dict, gezien: dict) -> tuple[dict, list[Fout]]:
    form = RijForm(rij, velden)
    geldig = form.is_valid()
    fouten = [
        Fout(regel, bericht, "" if veld == NON_FIELD_ERRORS else veld)
        for veld, berichten in form.errors.items()
        for bericht in berichten
    ]
    sleutel = imp.sleutel(form.cleaned_data)
    if sleutel is not None and sleutel in gezien:
        kolom, bericht = imp.dubbel(form.cleaned_data, gezien[sleutel])
        fouten.append(Fout(regel, bericht, kolom))
    elif sleutel is not None and geldig:
        gezien[sleutel] = regel
    return form.cleaned_data, fouten


def _fouten_van(
    exc: ValidationError, regel: int, kolommen: list[str], kolom_van: dict[str, str]
) -> list[Fout]:
    """A service's refusal as errors on row ``regel``, each in the column its field came from."""
    if not hasattr(exc, "error_dict"):
        return [Fout(regel, bericht) for bericht in exc.messages]
    fouten = []
    for veld, berichten in exc.message_dict.items():
        kolom = kolom_van.get(veld, veld)
        fouten += [Fout(regel, bericht, kolom if kolom in kolommen else "") for bericht in berichten]
    return fouten


def _op_volgorde(fouten: list[Fout], kolommen: list[str]) -> list[Fout]:
    """By line, and within a line in the order of the columns."""
    positie = {kolom: i for i, kolom in enumerate(kolommen)}
    return sorted(fouten, key=lambda f: (f.regel or 0, positie.get(f.kolom, len(positie))))


# --- The upload form and the management command ---------------------------------------------------


class BestandForm(forms.Form):
    """An upload of a CSV or XLSX file, limited in size and type before anything reads it."""

    bestand = forms.FileField(
        label="Bestand (CSV of Excel)",
        help_text="CSV met ; of , als scheidingsteken, of een Excel-bestand (.xlsx).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if not bestand.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Kies een CSV-bestand of een Excel-bestand (.xlsx).")
        if bestand.size > settings.UPLOAD_MAX_BYTES:
            limiet = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"Het bestand is groter dan {limiet} MB.")
        return bestand


class ImportCommando(BaseCommand):
    """A management command importing one file: every problem listed and nothing stored, or a
    line saying what was stored. A subclass runs the app's import and words the result."""

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)

    def importeer(self, bestand: Path, **opties):
        raise NotImplementedError

    def gelukt(self, resultaat) -> str:
        raise NotImplementedError

    def handle(self, *args, bestand: Path, **opties):
        try:
            resultaat = self.importeer(bestand, **opties)
        except ImportFout as exc:
            raise CommandError(f"Niets geïmporteerd:\n{exc}") from exc
        self.stdout.write(self.gelukt(resultaat))
