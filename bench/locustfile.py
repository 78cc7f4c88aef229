"""The users of ``make load`` (bench/load.py writes their accounts into the scenario file).

Three kinds, in the proportions load.py gives: officials fill in and save pages of their own
municipality's nulmeting (never submitting it), advisers list, open and log adviesgesprekken, and
coordinators open reports and now and then request one (a real Celery task). Everyone logs in
through the login page first, and its second step with a recovery code of their own. Page names are
stable: ids in a URL are written as [name].

Every request's time is kept, exactly, and written to LOAD_RAW_OUT when the run stops; load.py
computes the percentiles from those.
"""

import datetime
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

SCENARIO = json.loads(Path(os.environ["LOAD_SCENARIO"]).read_text(encoding="utf-8"))
PASSWORD = SCENARIO["password"]
RAW: list[list] = []

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ORIGINEEL = re.compile(r'<input type="hidden" name="origineel-([^"]+)"(?: value="([^"]*)")?')
GESPREK_LINK = re.compile(r'href="/advies/gesprekken/(\d+)/"')
GEMEENTE_KEUZE = re.compile(r'name="gemeenten" value="(\d+)"')


@events.request.add_listener
def _vastleggen(request_type, name, response_time, exception=None, **_):
    RAW.append(
        [
            name,
            round(response_time, 2),
            1 if exception else 0,
            str(exception)[:300] if exception else "",
            time.time(),
        ]
    )


@events.test_stop.add_listener
def _wegschrijven(**_):
    Path(os.environ["LOAD_RAW_OUT"]).write_text(json.dumps(RAW), encoding="utf-8")


def _accounts(soort: str):
    """Hand out the accounts of one kind, one per simulated user, in turn."""
    rij = list(SCENARIO[soort])
    while True:
        yield from rij


ACCOUNTS = {soort: _accounts(soort) for soort in ("officials", "advisers", "coordinators")}


class Gebruiker(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)
    soort = ""
    rol = ""

    def on_start(self):
        self.account = next(ACCOUNTS[self.soort])
        pagina = self.client.get("/account/inloggen/", name="GET /account/inloggen/")
        self.post_form(
            "/account/inloggen/",
            "POST /account/inloggen/",
            {"username": self.account["email"], "password": PASSWORD},
            pagina.text,
            verwacht="/account/tweede-stap/",
        )
        pagina = self.client.get("/account/tweede-stap/", name="GET /account/tweede-stap/")
        self.post_form(
            "/account/tweede-stap/",
            "POST /account/tweede-stap/",
            {"code": self.account["codes"].pop()},
            pagina.text,
            verwacht="/overzicht/",
        )
        self.overzicht()

    def overzicht(self):
        self.client.get("/overzicht/", name=f"{self.rol}: GET /overzicht/")

    def post_form(self, url: str, naam: str, data: dict, pagina: str, verwacht: str = "") -> str | None:
        """POST a form (with the CSRF token of ``pagina``); it must answer with a redirect."""
        with self.client.post(
            url,
            data=urlencode({**data, "csrfmiddlewaretoken": _csrf(pagina)}, doseq=True),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"{self.host}{url}"},
            allow_redirects=False,
            name=naam,
            catch_response=True,
        ) as antwoord:
            locatie = (
                (antwoord.headers or {}).get("Location") or (antwoord.headers or {}).get("location") or ""
            )
            if antwoord.status_code != 302 or verwacht not in locatie:
                fout = re.search(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</', antwoord.text or "", re.S)
                antwoord.failure(
                    f"expected a redirect, got HTTP {antwoord.status_code}"
                    + (f": {fout.group(1).strip()[:120]}" if fout else "")
                )
                return None
            return locatie


def _csrf(html: str) -> str:
    gevonden = CSRF.search(html or "")
    return gevonden.group(1) if gevonden else ""


class Ambtenaar(Gebruiker):
    """A municipal official filling in the nulmeting of their municipality, page by page."""

    soort, rol = "officials", "gemeente"
    weight = 40

    def on_start(self):
        super().on_start()
        self.basis = f"/nulmeting/{self.account['cbs_code']}/{SCENARIO['vragenlijst']}"
        self.stap = 1

    @task(8)
    def stap_opslaan(self):
        stap = SCENARIO["stappen"][self.stap - 1]
        pagina = self.client.get(
            f"{self.basis}/stap/{self.stap}/",
            name="gemeente: GET /nulmeting/[gemeente]/[vragenlijst]/stap/[n]/",
        )
        origineel = {code: waarde or "" for code, waarde in ORIGINEEL.findall(pagina.text or "")}
        data = {f"origineel-{code}": waarde for code, waarde in origineel.items()}
        for vraag in stap["vragen"]:
            data[vraag["code"]] = _antwoord(vraag)
        data["actie"] = random.choice(["volgende", "volgende", "opslaan"])
        locatie = self.post_form(
            f"{self.basis}/stap/{self.stap}/",
            "gemeente: POST /nulmeting/[gemeente]/[vragenlijst]/stap/[n]/",
            data,
            pagina.text,
            verwacht=self.basis,
        )
        if locatie and data["actie"] == "volgende":
            self.stap = self.stap % len(SCENARIO["stappen"]) + 1

    @task(1)
    def samenvatting(self):
        self.client.get(
            f"{self.basis}/samenvatting/",
            name="gemeente: GET /nulmeting/[gemeente]/[vragenlijst]/samenvatting/",
        )

    @task(1)
    def vragenlijsten(self):
        self.client.get("/nulmeting/", name="gemeente: GET /nulmeting/")

    @task(1)
    def dashboard(self):
        self.overzicht()


def _antwoord(vraag: dict) -> str:
    if vraag["opties"]:
        return random.choice(vraag["opties"])
    if vraag["type"] == "getal":
        laagste = int(vraag["minimum"] or 0)
        hoogste = min(int(vraag["maximum"] if vraag["maximum"] is not None else 500), laagste + 500)
        return str(random.randint(laagste, hoogste))
    return random.choice(["", "Besproken in het college.", "Loopt via het steunpunt in de regio."])


class Adviseur(Gebruiker):
    """A CMO adviser listing the sessions, opening one, and logging new ones."""

    soort, rol = "advisers", "adviseur"
    weight = 40

    def on_start(self):
        super().on_start()
        self.gesprekken: list[str] = []

    @task(4)
    def lijst(self):
        pagina = self.client.get("/advies/gesprekken/", name="adviseur: GET /advies/gesprekken/")
        self.gesprekken = GESPREK_LINK.findall(pagina.text or "") or self.gesprekken

    @task(1)
    def mijn_gesprekken(self):
        self.client.get("/advies/gesprekken/?mijn=1", name="adviseur: GET /advies/gesprekken/?mijn=1")

    @task(2)
    def gesprek_openen(self):
        if self.gesprekken:
            pk = random.choice(self.gesprekken)
            self.client.get(f"/advies/gesprekken/{pk}/", name="adviseur: GET /advies/gesprekken/[gesprek]/")

    @task(1)
    def gemeente_openen(self):
        self.client.get(
            f"/gemeenten/{random.choice(self.account['cbs_codes'])}/",
            name="adviseur: GET /gemeenten/[gemeente]/",
        )

    @task(2)
    def gesprek_loggen(self):
        pagina = self.client.get("/advies/gesprekken/nieuw/", name="adviseur: GET /advies/gesprekken/nieuw/")
        keuzes = GEMEENTE_KEUZE.findall(pagina.text or "")
        if not keuzes:
            return
        onderwerp = random.choice(["vrijwilligerswerk", "mantelzorg", "beide"])
        passend = [
            pk for domein, pks in SCENARIO["themas"].items() if onderwerp in (domein, "beide") for pk in pks
        ]
        datum = datetime.date.today() - datetime.timedelta(days=random.randint(0, 60))
        locatie = self.post_form(
            "/advies/gesprekken/nieuw/",
            "adviseur: POST /advies/gesprekken/nieuw/",
            {
                "datum": datum.isoformat(),
                "uren": random.choice(["1", "1,5", "2", "2,5", "3"]),
                "gemeenten": random.sample(keuzes, k=min(len(keuzes), random.choice([1, 1, 2]))),
                "onderwerp": onderwerp,
                "themas": random.sample(passend, k=2),
                "verslag": "Gesprek over de ondersteuning van vrijwilligers en mantelzorgers (belastingtest).",
                "vervolgafspraken": "",
                "traject": "",
                "versie": "",
                "actie": "opslaan",
            },
            pagina.text,
            verwacht="/advies/gesprekken/",
        )
        if locatie:
            self.lijst()

    @task(1)
    def dashboard(self):
        self.overzicht()


class Coordinator(Gebruiker):
    """A MOVISIE coordinator opening reports, and once during the run requesting a new one."""

    soort, rol = "coordinators", "coordinator"
    weight = 20

    def on_start(self):
        super().on_start()
        self.rapporten = list(SCENARIO["reports"])
        self.eigen: str | None = None
        self.aanvragen_na = time.monotonic() + random.uniform(5, 40)

    @task(3)
    def rapportages(self):
        self.client.get("/rapportage/", name="coordinator: GET /rapportage/")

    @task(3)
    def rapport_openen(self):
        pk = random.choice(self.rapporten)
        self.client.get(f"/rapportage/{pk}/", name="coordinator: GET /rapportage/[rapport]/")
        self.client.get(
            f"/rapportage/{pk}/download/html/", name="coordinator: GET /rapportage/[rapport]/download/html/"
        )

    @task(2)
    def status(self):
        pk = self.eigen or random.choice(self.rapporten)
        self.client.get(f"/rapportage/{pk}/status/", name="coordinator: GET /rapportage/[rapport]/status/")

    @task(1)
    def aanvragen(self):
        if self.eigen or time.monotonic() < self.aanvragen_na:
            return
        pagina = self.client.get("/rapportage/", name="coordinator: GET /rapportage/")
        locatie = self.post_form(
            "/rapportage/",
            "coordinator: POST /rapportage/",
            {
                "soort": "maand",
                "jaar": "2012",
                "maand": str(random.randint(1, 9)),
                "peildatum": "",
                "kwartaal": "",
            },
            pagina.text,
            verwacht="/rapportage/",
        )
        if locatie and (gevonden := re.search(r"/rapportage/(\d+)/", locatie)):
            self.eigen = gevonden.group(1)
            self.client.get(f"/rapportage/{self.eigen}/", name="coordinator: GET /rapportage/[rapport]/")

    @task(1)
    def dashboard(self):
        self.overzicht()
