"""``make bench``: performance figures for issues 3 (nulmeting), 4 (advisers), 5 (reports) and 9 (maps).

Builds a throwaway database (a temporary SQLite file, or ``gve_bench_<pid>`` on the PostgreSQL
server that ``DATABASE_URL`` names), loads the reference data and the calibrated demo programme,
then measures pages, imports and the eindrapportage at the demo size and at 100 times as many
advice sessions. Results go to ``bench-results/bench.json``; a short summary is printed.

Missed targets are reported (``pass: false``), never a reason to exit non-zero; errors are.
See bench/README.md for what each key means.
"""

import argparse
import contextlib
import datetime
import gc
import io
import json
import logging
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from basislijn import vergelijken as basislijn_vergelijken
from throwaway import POSTGRES_SCHEMES, postgres_database

ROOT = Path(__file__).resolve().parent.parent
RESULT_FILE = ROOT / "bench-results" / "bench.json"

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
EXPORT_REQUESTS = int(os.environ.get("BENCH_EXPORT_REQUESTS", "5"))
REPORT_RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "7"))
FACTOR = int(os.environ.get("BENCH_FACTOR", "100"))
CHUNK_ROWS = 10_000
SEED = 2012

PEILDATUM = datetime.date(2012, 10, 1)
LAST_HISTORICAL_DAY = PEILDATUM - datetime.timedelta(days=1)
EENMETING_FROM = datetime.date(2012, 10, 2)

COORDINATOR = "coordinator@demo.goedvoorelkaar.nl"
ADVISER = "adviseur@demo.goedvoorelkaar.nl"
OFFICIAL = "gemeente@demo.goedvoorelkaar.nl"
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"

TARGET_RATIO_DEMO = 1.3
TARGET_MAP_RENDER_S = 0.5
TARGET_MAP_SVG_BYTES = 400_000
MAP_RUNS = int(os.environ.get("BENCH_MAP_RUNS", "7"))
TARGET_DATA_X100_S = 10.0
TARGET_API_CIJFERS_CACHED_MS = 50.0

_started = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _started:6.0f}s] {message}", file=sys.stderr, flush=True)


# --- database and Django ------------------------------------------------------------------------


@contextlib.contextmanager
def throwaway_database(workdir: Path):
    """Point DATABASE_URL at a new, empty database for this run and remove it afterwards."""
    url = os.environ.get("DATABASE_URL", "").strip()
    scheme = urlsplit(url).scheme.lower() if url else ""
    if scheme in POSTGRES_SCHEMES:
        with _postgres_database(url) as info:
            yield info
    elif not url or scheme.startswith("sqlite"):
        path = workdir / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        import sqlite3

        yield {"engine": "sqlite", "version": sqlite3.sqlite_version, "database": str(path)}
    else:
        raise SystemExit(f"bench: DATABASE_URL scheme '{scheme}' is not supported (SQLite or postgres://).")


def _postgres_database(url: str):
    """CREATE DATABASE gve_bench_<pid> on the server of ``url``; DROP it at the end, whatever happens."""
    return postgres_database(url, "gve_bench", log)


class WarningCounter(logging.Handler):
    """Counts (and swallows) log records, so WeasyPrint's warnings are counted, not printed."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


WEASYPRINT_WARNINGS = WarningCounter()


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "goedvoorelkaar.settings"
    os.environ["DEBUG"] = "True"
    os.environ["GVE_ENV_FILE"] = ""  # settings read no local .env: only what is set here counts
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["REDIS_URL"] = ""  # never touch a developer's Redis: local-memory cache, Celery in-process
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["BENCH_WORKDIR"] = str(workdir)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    weasy = logging.getLogger("weasyprint")
    weasy.handlers = [WEASYPRINT_WARNINGS]
    weasy.propagate = False


# --- small measuring helpers --------------------------------------------------------------------


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def vmhwm_mb() -> float | None:
    """Peak resident memory of this process's own address space (Linux), as a cross-check."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


@contextlib.contextmanager
def query_counter():
    """Counts every statement sent to the database (no cap, unlike the 9,000-entry debug log)."""
    from django.db import connection

    counter = {"queries": 0}

    def wrapper(execute, sql, params, many, context):
        counter["queries"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter


def slowest(captured: list[dict]) -> dict | None:
    if not captured:
        return None
    query = max(captured, key=lambda q: float(q["time"]))
    return {"ms": ms(float(query["time"])), "sql": " ".join(query["sql"].split())[:240]}


def client_for(email: str):
    """A client logged in as a real login ends: past the password and a second factor
    (decision 0020), so every page costs what it costs a user, the device's query included."""
    import secrets

    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user = User.objects.get(email=email)
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", key=secrets.token_hex(20), confirmed=True
    )
    client = Client()
    client.force_login(user, backend=LOGIN_BACKEND)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie.save()
    return client


def measure_page(client, url: str, user: str, n: int) -> dict:
    """Median and p95 latency of ``n`` GETs (after one warm-up GET), and the queries of each."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    warm = client.get(url)
    if warm.status_code != 200:
        raise RuntimeError(f"GET {url} as {user}: HTTP {warm.status_code}")
    times, counts, db_times, worst = [], [], [], None
    for _ in range(n):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} as {user}: HTTP {response.status_code}")
        times.append(elapsed)
        counts.append(len(captured.captured_queries))
        db_times.append(sum(float(q["time"]) for q in captured.captured_queries))
        worst = slowest(captured.captured_queries)
    reset_queries()
    return {
        "url": url,
        "user": user,
        "requests": n,
        "median_ms": ms(statistics.median(times)),
        "p95_ms": ms(p95(times)),
        "min_ms": ms(min(times)),
        "max_ms": ms(max(times)),
        "queries": counts[-1],
        "queries_min": min(counts),
        "queries_max": max(counts),
        "db_time_median_ms": ms(statistics.median(db_times)),
        "slowest_query": worst,
        "response_bytes": len(response.content),
    }


# --- data -----------------------------------------------------------------------------------------


def build_demo() -> dict:
    from django.core.management import call_command

    from rapportage.demo import demo_data_bouwen

    steps = {}
    for command in ("migrate", "referentiedata_laden", "vragenlijsten_laden", "demo_accounts"):
        start = time.perf_counter()
        options = {"interactive": False} if command == "migrate" else {}
        call_command(command, verbosity=0, stdout=io.StringIO(), stderr=io.StringIO(), **options)
        steps[f"{command}_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    built = demo_data_bouwen(seed=SEED)
    steps["demo_data_s"] = round(time.perf_counter() - start, 2)
    if built is None:
        raise RuntimeError("demo_data found an existing programme in what should be an empty database")
    steps["demo_data_result"] = built
    return steps


def analyze_postgres() -> float | None:
    """ANALYZE on PostgreSQL, as autovacuum would soon after a bulk load, so plans are not measured
    on stale statistics; returns its duration (None on SQLite, which keeps no statistics by itself)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return round(time.perf_counter() - start, 2)


def dataset_sizes() -> dict:
    from accounts.models import User
    from advies.models import Adviesgesprek, Adviseur
    from gemeenten.models import Gemeente, Organisatie, Provincie
    from nulmeting.models import Antwoord, Meting, Score, Vragenlijst

    return {
        "provinces": Provincie.objects.count(),
        "municipalities_all": Gemeente.objects.count(),
        "municipalities_2009_01_01": Gemeente.objects.bestaand_op(datetime.date(2009, 1, 1)).count(),
        "municipalities_2012_01_01": Gemeente.objects.bestaand_op(datetime.date(2012, 1, 1)).count(),
        "cmos": Organisatie.objects.count(),
        "users": User.objects.count(),
        "advisers": Adviseur.objects.values("user_id").distinct().count(),
        "adviser_periods": Adviseur.objects.count(),
        "questionnaires": Vragenlijst.objects.count(),
        "nulmetingen_submitted": Meting.objects.ingediend()
        .filter(vragenlijst__soort=Vragenlijst.Soort.NULMETING)
        .count(),
        "eenmetingen_submitted": Meting.objects.ingediend()
        .filter(vragenlijst__soort=Vragenlijst.Soort.EENMETING)
        .count(),
        "answers": Antwoord.objects.count(),
        "scores": Score.objects.count(),
        "sessions": Adviesgesprek.objects.actief().count(),
        "session_municipality_links": Adviesgesprek.gemeenten.through.objects.count(),
        "session_theme_links": Adviesgesprek.themas.through.objects.count(),
        "session_history_rows": Adviesgesprek.history.count(),
    }


def session_templates() -> tuple[list[tuple], int]:
    """Every demo session as a template (adviser, municipalities, onderwerp, themes, hours, report)
    with the window of dates a copy may get: inside the adviser's period at that CMO, before the
    peildatum, on days all its municipalities existed (controleer_gesprek's rules)."""
    from advies.models import Adviesgesprek, Adviseur
    from rapportage.demo import START_ADVIES

    periods = defaultdict(list)
    for period in Adviseur.objects.all():
        periods[period.user_id].append(period)
    templates, skipped = [], 0
    sessions = (
        Adviesgesprek.objects.actief()
        .select_related("adviseur")
        .prefetch_related("gemeenten", "themas")
        .order_by("pk")
    )
    for session in sessions:
        period = next((p for p in periods[session.adviseur_id] if p.is_actief_op(session.datum)), None)
        if period is None:
            skipped += 1
            continue
        municipalities = list(session.gemeenten.all())
        starts = [m.geldig_van for m in municipalities if m.geldig_van]
        ends = [m.geldig_tot - datetime.timedelta(days=1) for m in municipalities if m.geldig_tot]
        if period.actief_tot:
            ends.append(period.actief_tot - datetime.timedelta(days=1))
        last = min([LAST_HISTORICAL_DAY, *ends])
        first = max([period.actief_van, START_ADVIES, *starts])
        if first > last:
            first = max([period.actief_van, *starts])
        if first > last:
            skipped += 1
            continue
        templates.append(
            (
                session.adviseur.email,
                first,
                (last - first).days,
                ";".join(m.cbs_code for m in municipalities),
                session.onderwerp,
                ";".join(t.naam for t in session.themas.all()),
                session.uren,
                session.verslag,
            )
        )
    return templates, skipped


def session_rows(templates: list[tuple], copies: int, rnd: random.Random):
    """``copies`` historical copies of every template, each on a random day of its window."""
    for copy in range(1, copies + 1):
        for email, first, span, codes, onderwerp, themes, hours, report in templates:
            day = first + datetime.timedelta(days=rnd.randint(0, span))
            logged = day + datetime.timedelta(days=rnd.randint(0, 6))
            yield [
                day.isoformat(),
                f"{logged.isoformat()} 16:00",
                email,
                codes,
                onderwerp,
                themes,
                hours,
                f"{report} (historisch, kopie {copy})",
            ]


def scale_sessions(factor: int) -> dict:
    """Import (factor - 1) historical copies of the demo sessions with gesprekken_importeren,
    in CSV files of 10,000 rows; the first file is the import-speed measurement."""
    from django.db import reset_queries

    from advies.models import Adviesgesprek
    from advies.uitwisseling import GESPREK_KOLOMMEN, gesprekken_importeren
    from toolkit.export import csv_bytes

    rnd = random.Random(SEED)
    before = Adviesgesprek.objects.actief().count()
    templates, skipped = session_templates()
    rows = session_rows(templates, factor - 1, rnd)
    chunks, first_file, total_s, total_rows = [], None, 0.0, 0
    while True:
        chunk = [row for _, row in zip(range(CHUNK_ROWS), rows, strict=False)]
        if not chunk:
            break
        data = csv_bytes(GESPREK_KOLOMMEN, chunk)
        with query_counter() as counted:
            start = time.perf_counter()
            imported = gesprekken_importeren(io.BytesIO(data), f"bench-{len(chunks) + 1}.csv")
            elapsed = time.perf_counter() - start
        reset_queries()
        if imported != len(chunk):
            raise RuntimeError(f"gesprekken_importeren stored {imported} of {len(chunk)} rows")
        total_s += elapsed
        total_rows += imported
        chunks.append(round(elapsed, 2))
        if first_file is None:
            first_file = {
                "rows": imported,
                "file_bytes": len(data),
                "seconds": round(elapsed, 3),
                "rows_per_second": round(imported / elapsed),
                "queries": counted["queries"],
                "sessions_in_database_before": before,
            }
        if len(chunks) % 5 == 0:
            log(f"  imported {total_rows:,} sessions")
    after = Adviesgesprek.objects.actief().count()
    return {
        "method": "gesprekken_importeren (the product's import), CSV files of 10,000 rows",
        "template_sessions": len(templates),
        "template_sessions_skipped": skipped,
        "copies_per_session": factor - 1,
        "rows_imported": total_rows,
        "files": len(chunks),
        "seconds_per_file": chunks,
        "seconds_total": round(total_s, 2),
        "rows_per_second_overall": round(total_rows / total_s) if total_s else None,
        "sessions_before": before,
        "sessions_after": after,
        "import_10000_rows": first_file,
    }


def eenmeting_answer(question, rnd: random.Random) -> str:
    if question.type == "janee":
        return rnd.choice(["ja", "nee"])
    if question.type == "meerkeuze":
        return rnd.choice(question.opties).waarde
    if question.type == "getal":
        value = rnd.choice(question.schijven).vanaf + rnd.randint(0, 3)
        if question.minimum is not None:
            value = max(value, question.minimum)
        if question.maximum is not None:
            value = min(value, question.maximum)
        return format(value, "f")
    return rnd.choice(["", "Toelichting bij de eenmeting."])


def nulmeting_import() -> dict:
    """Import one row per 2009 municipality (the nulmeting_sjabloon format) into a fresh eenmeting."""
    from django.db import reset_queries

    from accounts.models import User
    from gemeenten.models import Gemeente
    from nulmeting.models import Vragenlijst
    from nulmeting.services import eenmeting_openen
    from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
    from toolkit.export import csv_bytes

    rnd = random.Random(SEED)
    start = time.perf_counter()
    eenmeting = eenmeting_openen(
        basis=Vragenlijst.objects.get(code="nulmeting-2009"),
        code="eenmeting-bench",
        naam="Eenmeting (benchmark)",
        door=User.objects.get(email=COORDINATOR),
    )
    open_s = time.perf_counter() - start
    columns = antwoorden_kolommen(eenmeting)
    questions = {q.code: q for q in eenmeting.opbouw.vragen}
    rows, after_2012, earlier = [], 0, 0
    for municipality in Gemeente.objects.bestaand_op(datetime.date(2009, 1, 1)).order_by("cbs_code"):
        day = EENMETING_FROM + datetime.timedelta(days=rnd.randint(0, 90))
        if municipality.bestaat_op(day):
            after_2012 += 1
        else:  # merged away before then: it submitted in its last three months
            last = municipality.geldig_tot - datetime.timedelta(days=1)
            first = max(
                municipality.geldig_van or datetime.date(2009, 1, 1), last - datetime.timedelta(days=90)
            )
            day = first + datetime.timedelta(days=rnd.randint(0, (last - first).days))
            earlier += 1
        rows.append(
            [municipality.cbs_code, f"{day.isoformat()} 10:00"]
            + [eenmeting_answer(questions[c], rnd) for c in columns[2:]]
        )
    data = csv_bytes(columns, rows)
    with query_counter() as counted:
        start = time.perf_counter()
        imported = metingen_importeren(
            io.BytesIO(data),
            vragenlijst=eenmeting,
            door=User.objects.get(email=COORDINATOR),
            naam="bench.csv",
        )
        elapsed = time.perf_counter() - start
    reset_queries()
    if imported != len(rows):
        raise RuntimeError(f"metingen_importeren stored {imported} of {len(rows)} rows")
    return {
        "vragenlijst": eenmeting.code,
        "eenmeting_openen_s": round(open_s, 3),
        "rows": imported,
        "question_columns": len(columns) - 2,
        "rows_submitted_after_peildatum": after_2012,
        "rows_of_municipalities_merged_away_earlier": earlier,
        "file_bytes": len(data),
        "seconds": round(elapsed, 3),
        "rows_per_second": round(imported / elapsed, 1),
        "queries": counted["queries"],
        "queries_per_row": round(counted["queries"] / imported, 1),
    }


# --- pages ------------------------------------------------------------------------------------------


def nulmeting_pages() -> dict:
    from nulmeting.models import Meting

    submitted = Meting.objects.ingediend().filter(vragenlijst__code="nulmeting-2009")
    meting = (
        submitted.filter(gemeente__cbs_code="GM0080").first()
        or submitted.order_by("gemeente__cbs_code").first()
    )
    code = meting.gemeente.cbs_code
    coordinator = client_for(COORDINATOR)
    pages = {
        "uitslag": (f"/nulmeting/{code}/nulmeting-2009/uitslag/", REQUESTS),
        "overzicht": ("/nulmeting/overzicht/", REQUESTS),
        "export_xlsx": ("/nulmeting/export/nulmeting-2009.xlsx", EXPORT_REQUESTS),
        "export_csv": ("/nulmeting/export/nulmeting-2009.csv", EXPORT_REQUESTS),
    }
    result = {}
    for key, (url, n) in pages.items():
        result[key] = measure_page(coordinator, url, "coordinator", n)
        log(f"  {url}: {result[key]['median_ms']} ms, {result[key]['queries']} queries")
    return result


ADVIES_PAGES = {
    "lijst_coordinator": ("/advies/gesprekken/", COORDINATOR, "coordinator"),
    "lijst_adviseur": ("/advies/gesprekken/", ADVISER, "adviser"),
    "gemeente_GM0080_coordinator": ("/gemeenten/GM0080/", COORDINATOR, "coordinator"),
    "gemeente_GM0080_adviseur": ("/gemeenten/GM0080/", ADVISER, "adviser"),
    # Not asked for, but the third role: its own sessions and its own municipality page.
    "lijst_gemeente": ("/advies/gesprekken/", OFFICIAL, "official"),
    "gemeente_GM1900_gemeente": ("/gemeenten/GM1900/", OFFICIAL, "official"),
}


def rondes_uitnodigen() -> dict:
    """Issue 10: invite all 441 municipalities of 2009 (one contact each) in a round of a fresh
    eenmeting, with the product's services, mail kept in memory. Queries per batch of 50 are
    counted around each batch, so a count per recipient would show."""
    import math

    from django.core import mail
    from django.test.utils import override_settings

    from accounts.models import User
    from gemeenten.models import Gemeente
    from gemeenten.uitwisseling import contactpersonen_importeren
    from nulmeting.models import Vragenlijst
    from nulmeting.services import eenmeting_openen
    from rondes import services, verzending
    from toolkit.export import csv_bytes

    coordinator = User.objects.get(email="coordinator@demo.goedvoorelkaar.nl")
    gemeenten = list(Gemeente.objects.bestaand_op(datetime.date(2009, 6, 1)).order_by("cbs_code"))
    rijen = [
        [g.cbs_code, f"Contact {g.naam}", f"bench.{g.cbs_code.lower()}@example.nl", "Wmo"] for g in gemeenten
    ]
    start = time.perf_counter()
    contactpersonen_importeren(csv_bytes(["cbs_code", "naam", "e-mail", "functie"], rijen), "bench.csv")
    import_s = time.perf_counter() - start
    basis = Vragenlijst.objects.get(code="nulmeting-2009")
    eenmeting = eenmeting_openen(
        basis=basis, code="eenmeting-bench-rondes", naam="Eenmeting (bench)", door=coordinator
    )
    ronde = services.ronde_openen(
        vragenlijst=eenmeting,
        naam="Bench: alle gemeenten van 2009",
        opent_op=datetime.date(2009, 6, 1),
        sluit_op=datetime.date.today() + datetime.timedelta(days=30),
        door=coordinator,
    )
    batches: list[int] = []
    per_batch: list[int] = []
    klaarzetten, wachtrij = verzending._batch_klaarzetten, services._in_wachtrij

    def klaarzetten_geteld(opdracht, batch):
        with query_counter() as geteld:
            uitkomst = klaarzetten(opdracht, batch)
        if uitkomst:
            batches.append(len(uitkomst))
            per_batch.append(geteld["queries"])
        return uitkomst

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        services._in_wachtrij = lambda opdracht: None  # planned here, sent below (not by the eager task)
        try:
            with query_counter() as plannen:
                start = time.perf_counter()
                opdracht = services.ronde_uitnodigen(
                    ronde=ronde, door=coordinator, basis_url="http://127.0.0.1:8000/"
                )
                plan_s = time.perf_counter() - start
        finally:
            services._in_wachtrij = wachtrij
        verzending._batch_klaarzetten = klaarzetten_geteld
        try:
            with query_counter() as versturen:
                start = time.perf_counter()
                verzending.verzendopdracht_uitvoeren(opdracht.pk)
                send_s = time.perf_counter() - start
        finally:
            verzending._batch_klaarzetten = klaarzetten
        verzonden = len(mail.outbox)
    client = client_for("coordinator@demo.goedvoorelkaar.nl")
    pagina = measure_page(client, f"/rondes/{ronde.pk}/", "coordinator", REQUESTS)
    return {
        "municipalities": len(gemeenten),
        "contacts_import_s": round(import_s, 3),
        "plan_s": round(plan_s, 3),
        "plan_queries": plannen["queries"],
        "send_s": round(send_s, 3),
        "send_queries": versturen["queries"],
        "mails_sent": verzonden,
        "batch_size": verzending.BATCH,
        "batches": len(batches),
        "batches_expected": math.ceil(len(gemeenten) / verzending.BATCH),
        "claim_queries_per_batch": sorted(set(per_batch)),
        "send_queries_per_batch": round(versturen["queries"] / max(len(batches), 1), 1),
        "mails_per_second": round(verzonden / send_s, 1) if send_s else None,
        "progress_page": pagina,
    }


def advies_pages() -> dict:
    clients = {email: client_for(email) for email in (COORDINATOR, ADVISER, OFFICIAL)}
    result = {}
    for key, (url, email, role) in ADVIES_PAGES.items():
        result[key] = measure_page(clients[email], url, role, REQUESTS)
        log(f"  {url} ({role}): {result[key]['median_ms']} ms, {result[key]['queries']} queries")
    return result


# --- the API (issue 20) ---------------------------------------------------------------------------

API_LISTS = {
    "gemeenten": "/api/v1/gemeenten/",
    "metingen": "/api/v1/metingen/?vragenlijst=nulmeting-2009",
    "rondes": "/api/v1/rondes/",
    "rapporten": "/api/v1/rapporten/",
    "organisaties": "/api/v1/organisaties/",
}
API_CIJFERS = f"/api/v1/cijfers/?peildatum={PEILDATUM.isoformat()}"


def api_bench() -> dict:
    """The open figures as of the eindrapportage's peildatum: the first call (an empty cache), then
    N calls answered from the cache (anonymous, as a portal asks); and each list endpoint's time
    and query count for the coordinator (the counts must not grow with the data)."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    reset_queries()  # a full query log (9,000 entries) would count nothing
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        first = Client().get(API_CIJFERS)
        first_s = time.perf_counter() - start
    if first.status_code != 200:
        raise RuntimeError(f"GET {API_CIJFERS}: HTTP {first.status_code}")
    result = {
        "cijfers_first": {"url": API_CIJFERS, "ms": ms(first_s), "queries": len(captured.captured_queries)},
        "cijfers_cached": measure_page(Client(), API_CIJFERS, "anonymous", REQUESTS),
    }
    log(
        f"  {API_CIJFERS}: first {result['cijfers_first']['ms']} ms, cached {result['cijfers_cached']['median_ms']} ms"
    )
    coordinator = client_for(COORDINATOR)
    for key, url in API_LISTS.items():
        result[key] = measure_page(coordinator, url, "coordinator", REQUESTS)
        log(f"  {url}: {result[key]['median_ms']} ms, {result[key]['queries']} queries")
    return result


# --- maps (issue 9) -----------------------------------------------------------------------------


def kaarten_bench(runs: int = MAP_RUNS) -> dict:
    """The national map of the 441 municipalities of 2009 drawn without the cache (the boundaries
    are parsed once per process, as in production), its SVG size, a cached fetch, and the
    dashboards with their maps (cold: cache emptied before each request; warm: maps cached)."""
    from django.core.cache import cache

    from accounts.models import User
    from advies.kaarten import gesprekken_kaart
    from advies.models import Adviesgesprek
    from advies.selectors import gesprekken_per_gemeente
    from gemeenten.models import Gemeente
    from nulmeting.kaarten import deelname_kaart, gemeente_links
    from rapportage import selectors as s
    from toolkit import kaarten

    kaarten.indeling.cache_clear()
    start = time.perf_counter()
    for jaar in kaarten.GRENSJAREN:
        kaarten.indeling(jaar)
    parse_s = time.perf_counter() - start

    grens_2009 = datetime.date(2009, 1, 1)
    coordinator = User.objects.get(email=COORDINATOR)
    aantallen = gesprekken_per_gemeente(Adviesgesprek.objects.actief(), Gemeente.objects.all(), grens_2009)
    links = gemeente_links(coordinator, grens_2009)
    deelname = s.deelname_per_gemeente(
        PEILDATUM, s.Afbakening(), indeling=grens_2009, ingediend_tot=datetime.date(2009, 12, 31)
    )
    varianten = {
        "gesprekken_441_met_links": lambda: gesprekken_kaart(
            aantallen, titel="Adviesgesprekken per gemeente", stand=datetime.date(2009, 12, 31), links=links
        ),
        "deelname_441": lambda: deelname_kaart(
            deelname, titel="Deelname aan de nulmeting 2009", stand=datetime.date(2009, 12, 31), jaar=2009
        ),
    }
    result: dict = {"boundaries_parse_s": round(parse_s, 3), "runs": runs, "national": {}}
    for naam, teken in varianten.items():
        tijden = []
        for _ in range(runs):
            cache.clear()
            start = time.perf_counter()
            kaart = teken()
            tijden.append(time.perf_counter() - start)
        start = time.perf_counter()
        teken()
        cached_s = time.perf_counter() - start
        result["national"][naam] = {
            "areas": len(kaart.rijen),
            "links": kaart.svg.count("<a "),
            "render_s_first": round(tijden[0], 3),
            "render_s_median": round(statistics.median(tijden), 3),
            "render_s_max": round(max(tijden), 3),
            "cached_ms": ms(cached_s),
            "svg_bytes": len(kaart.svg.encode("utf-8")),
        }
        log(
            f"  {naam}: {result['national'][naam]['render_s_median']} s, {result['national'][naam]['svg_bytes']:,} bytes"
        )
    result["dashboards"] = {}
    for key, email, role in (("coordinator", COORDINATOR, "coordinator"), ("adviseur", ADVISER, "adviseur")):
        client = client_for(email)
        koud = []
        for _ in range(3):
            cache.clear()
            start = time.perf_counter()
            client.get("/overzicht/")
            koud.append(time.perf_counter() - start)
        warm = measure_page(client, "/overzicht/", role, REQUESTS)
        result["dashboards"][key] = {**warm, "cold_median_ms": ms(statistics.median(koud))}
        log(
            f"  /overzicht/ ({role}): cold {result['dashboards'][key]['cold_median_ms']} ms, warm {warm['median_ms']} ms"
        )
    return result


# --- the eindrapportage, in a fresh process -------------------------------------------------------


def report_child(label: str, out: Path) -> None:
    """Runs in its own process (clean peak memory): one cold build, REPORT_RUNS timed builds, each
    followed by WeasyPrint alone on the same HTML (the floor), then one build under tracemalloc."""
    setup_django(Path(os.environ["BENCH_WORKDIR"]))
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from advies import kaarten as advies_kaarten
    from nulmeting import kaarten as nulmeting_kaarten
    from rapportage import inhoud, weergave
    from rapportage import selectors as s
    from toolkit import figuren

    figure_time = {"s": 0.0}

    def timed(function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                figure_time["s"] += time.perf_counter() - start

        return wrapper

    # The report's parts call figuren.<name>(...) through the module, so timing wrappers see every figure.
    for name in ("maandverloop", "aandelen_staaf", "staven"):
        setattr(figuren, name, timed(getattr(figuren, name)))
    # The maps likewise (through their modules); the cache is emptied before every build, so
    # each build draws its three maps as a report on new data would.
    for module, name in ((nulmeting_kaarten, "deelname_kaart"), (advies_kaarten, "gesprekken_kaart")):
        setattr(module, name, timed(getattr(module, name)))

    def build() -> tuple[dict, object, str]:
        gc.collect()  # start every build, and the floor below, without the previous one's garbage
        cache.clear()
        figure_time["s"] = 0.0
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            content = inhoud.eindrapportage(PEILDATUM, s.Afbakening())
            data_s = time.perf_counter() - start
        start = time.perf_counter()
        html = weergave.html(content)
        html_s = time.perf_counter() - start
        WEASYPRINT_WARNINGS.count = 0
        start = time.perf_counter()
        pdf = weergave.pdf(html)
        pdf_s = time.perf_counter() - start
        run = {
            "data_s": round(data_s, 3),
            "data_db_s": round(sum(float(q["time"]) for q in captured.captured_queries), 3),
            "data_figures_s": round(figure_time["s"], 3),
            "html_s": round(html_s, 3),
            "pdf_s": round(pdf_s, 3),
            "queries": len(captured.captured_queries),
            "weasyprint_warnings": WEASYPRINT_WARNINGS.count,
            "html_bytes": len(html.encode("utf-8")),
            "pdf_bytes": len(pdf),
            "slowest_query": slowest(captured.captured_queries),
        }
        reset_queries()
        return run, content, html

    maxrss_start = maxrss_mb()
    cold, content, _ = build()
    runs = []
    for _ in range(REPORT_RUNS):
        run, content, html = build()
        gc.collect()
        start = time.perf_counter()
        weergave.pdf(html)
        run["pdf_alone_s"] = round(time.perf_counter() - start, 3)
        run["ratio"] = round((run["data_s"] + run["html_s"] + run["pdf_s"]) / run["pdf_alone_s"], 3)
        runs.append(run)
    maxrss_after_timed, vmhwm_after_timed = maxrss_mb(), vmhwm_mb()
    corrected = corrected_reading(REPORT_RUNS)

    gc.collect()
    tracemalloc.start()
    build()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    def median(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 3)

    data_s, html_s, pdf_s, alone_s = (
        median("data_s"),
        median("html_s"),
        median("pdf_s"),
        median("pdf_alone_s"),
    )
    cijfers = content.cijfers["hoofdstuk_4_kengetallen"]
    result = {
        "label": label,
        "peildatum": PEILDATUM.isoformat(),
        "afbakening": "landelijk (heel Nederland)",
        "runs": REPORT_RUNS,
        "data_s": data_s,
        "html_s": html_s,
        "pdf_s": pdf_s,
        "pdf_alone_s": alone_s,
        "ratio": round((data_s + html_s + pdf_s) / alone_s, 3),
        "ratio_runs": [r["ratio"] for r in runs],
        "ratio_best": round(
            (min(r["data_s"] for r in runs) + min(r["html_s"] for r in runs) + min(r["pdf_s"] for r in runs))
            / min(r["pdf_alone_s"] for r in runs),
            3,
        ),
        "data_db_s": median("data_db_s"),
        "data_figures_s": median("data_figures_s"),
        "queries_data": runs[-1]["queries"],
        "queries_data_all_runs": sorted({r["queries"] for r in runs} | {cold["queries"]}),
        "tracemalloc_peak_mb": round(traced_peak / 2**20, 1),
        "maxrss_mb": maxrss_after_timed,
        "maxrss_before_first_build_mb": maxrss_start,
        "vmhwm_mb": vmhwm_after_timed,
        "cold_first_build": cold,
        "run_details": runs,
        "met_correcties": corrected,
        "report_sessions_counted": cijfers["adviesgesprekken_totaal"],
        "report_hours": cijfers["uren"],
    }
    out.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")


def corrected_reading(runs: int) -> dict:
    """The data step of the same eindrapportage in the reading 'met latere correcties' (issue 15):
    both readings from the versions, and the list of what changed between them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from rapportage import inhoud
    from rapportage import selectors as s

    times, queries = [], 0
    for _ in range(runs):
        gc.collect()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            inhoud.eindrapportage(PEILDATUM, s.Afbakening(bekend_op=timezone.now()))
            times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    return {"data_s": round(statistics.median(times), 3), "queries_data": queries}


def measure_report(label: str, workdir: Path) -> dict:
    out = workdir / f"report-{label}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--report-child", label, "--out", str(out)]
    # Linux hands a process's peak RSS on to the program it execs, so a child started from this
    # (large) process would report our peak as its ru_maxrss. A shell in between that forks the
    # child, instead of exec-ing it, gives the child a clean ru_maxrss of its own.
    if Path("/bin/sh").exists():
        command = ["/bin/sh", "-c", '"$@"; status=$?; exit $status', "sh", *command]
    subprocess.run(command, check=True, env=os.environ.copy(), cwd=ROOT)
    return json.loads(out.read_text(encoding="utf-8"))


# --- hostile imports (issue 16): memory and time of reading them, in a fresh process --------------------

XLSX_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _workbook_with(path: Path, member: str, chunks, content_type: str = "") -> None:
    """A real workbook (openpyxl's) with ``member`` replaced by (or added as, declared with
    ``content_type``) the concatenated ``chunks``, written piece by piece so the parent never
    holds the unpacked part."""
    import zipfile

    from openpyxl import Workbook

    base = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["cbs_code", "naam"])
    workbook.save(base)
    source = zipfile.ZipFile(base)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == member:
                continue
            content = source.read(info)
            if info.filename == "[Content_Types].xml" and content_type:
                override = f'<Override PartName="/{member}" ContentType="{content_type}"/>'
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            target.writestr(info.filename, content)
        with target.open(member, "w", force_zip64=True) as part:
            for chunk in chunks:
                part.write(chunk)


def build_import_files(workdir: Path) -> dict[str, dict]:
    """The files of the import measurements: the issue's zip bomb (a sheet of identical rows,
    125 MB unpacked), a shared-strings part of 2.2 million short strings (48 MB unpacked, within
    the size and ratio limits: openpyxl parses it whole on opening, which took 96 s and 295 MB
    before the tag count refused it), and a valid workbook of 10,000 rows (the row limit)."""
    folder = workdir / "imports"
    folder.mkdir(exist_ok=True)
    files = {}

    row = b'<row><c t="inlineStr"><is><t>GM0000</t></is></c></row>'
    bomb = folder / "zipbom.xlsx"
    per_chunk = 1024 * 1024 // len(row)
    _workbook_with(
        bomb,
        "xl/worksheets/sheet1.xml",
        [b"<?xml version='1.0'?><worksheet " + XLSX_NS + b"><sheetData>"]
        + [row * per_chunk] * 125
        + [b"</sheetData></worksheet>"],
    )
    files["zipbom_125mb"] = {"path": bomb, "unpacked_mb": 125}

    rnd = random.Random(SEED)
    limit = 48 * 1024 * 1024
    strings, size, chunk = [b"<?xml version='1.0'?><sst " + XLSX_NS + b">"], 0, []
    while size < limit:
        item = (
            b"<si><t>%s</t></si>"
            % f"{rnd.randrange(10**12):012d} {rnd.choice(['Sneek', 'Utrecht', 'Ede'])}".encode()
        )
        chunk.append(item)
        size += len(item)
        if len(chunk) == 10_000:
            strings.append(b"".join(chunk))
            chunk = []
    strings += [b"".join(chunk), b"</sst>"]
    shared = folder / "shared_strings.xlsx"
    _workbook_with(
        shared,
        "xl/sharedStrings.xml",
        strings,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    )
    files["shared_strings_48mb"] = {"path": shared, "unpacked_mb": round(size / 2**20, 1)}

    from openpyxl import Workbook

    valid = folder / "rows_10000.xlsx"
    workbook = Workbook()
    workbook.active.append(["cbs_code", "peildatum", "inwoners"])
    for i in range(10_000):
        workbook.active.append([f"GM{i % 10_000:04d}", "2012-01-01", rnd.randrange(1_000, 800_000)])
    workbook.save(valid)
    files["valid_10000_rows"] = {"path": valid, "unpacked_mb": None}
    for info in files.values():
        info["file_bytes"] = info["path"].stat().st_size
    return files


def import_child(folder: Path, out: Path) -> None:
    """Runs in its own process (clean peak memory): each file read by ``lees_tabel`` as an
    import page reads it, timed, then again under tracemalloc (which slows Python's allocations
    down, so it is not timed); whether it was refused and with what."""
    setup_django(Path(os.environ["BENCH_WORKDIR"]))
    from django.conf import settings

    from toolkit.tabular import ImportFout, lees_tabel

    results = {}
    for path in sorted(folder.glob("*.xlsx")):

        def read(path: Path = path) -> tuple[int | None, str | None]:
            try:
                return len(lees_tabel(path.read_bytes(), path.name).rijen), None
            except ImportFout as exc:
                return None, str(exc)

        gc.collect()
        rss_before = maxrss_mb()
        start = time.perf_counter()
        rows, refused = read()
        seconds = time.perf_counter() - start
        gc.collect()
        tracemalloc.start()
        read()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[path.stem] = {
            "seconds": round(seconds, 3),
            "tracemalloc_peak_mb": round(peak / 2**20, 1),
            "maxrss_before_mb": rss_before,
            "maxrss_after_mb": maxrss_mb(),
            "rows_read": rows,
            "refused": refused,
        }
    results["limits"] = {k: getattr(settings, k) for k in dir(settings) if k.startswith("IMPORT_MAX_")}
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


def measure_imports(workdir: Path) -> dict:
    files = build_import_files(workdir)
    out = workdir / "imports.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--import-child", str(workdir / "imports")]
    command += ["--out", str(out)]
    if Path("/bin/sh").exists():  # a clean ru_maxrss for the child, as for the report
        command = ["/bin/sh", "-c", '"$@"; status=$?; exit $status', "sh", *command]
    subprocess.run(command, check=True, env={**os.environ, "BENCH_WORKDIR": str(workdir)}, cwd=ROOT)
    measured = json.loads(out.read_text(encoding="utf-8"))
    names = {
        "zipbom": "zipbom_125mb",
        "shared_strings": "shared_strings_48mb",
        "rows_10000": "valid_10000_rows",
    }
    result = {"limits": measured.pop("limits")}
    for stem, key in names.items():
        info = files[key]
        result[key] = {"file_bytes": info["file_bytes"], "unpacked_mb": info["unpacked_mb"], **measured[stem]}
    return result


def bad_rows_page(rows: int = 10_000) -> dict:
    """The session import page posted ``rows`` bad rows (the row limit) as the coordinator:
    the longest an import can take, and the size of the page that lists its problems."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from advies.uitwisseling import GESPREK_KOLOMMEN

    client = client_for(COORDINATOR)
    data = (
        ";".join(GESPREK_KOLOMMEN) + "\n" + "\n".join([";".join(["XX"] * len(GESPREK_KOLOMMEN))] * rows)
    ).encode()
    start = time.perf_counter()
    response = client.post(
        "/advies/gesprekken/importeren/", {"bestand": SimpleUploadedFile("fout.csv", data)}, follow=True
    )
    seconds = time.perf_counter() - start
    html = response.content.decode()
    return {
        "rows": rows,
        "status": response.status_code,
        # Over IMPORT_DIRECT_TOT_BYTES the file goes to a worker (decision 0028); Celery runs in the
        # bench's own process, so ``seconds`` is the whole import either way.
        "queued": any(url.startswith("/importen/") for url, _ in response.redirect_chain),
        "seconds": round(seconds, 2),
        "response_bytes": len(response.content),
        "errors_listed": html.split('id="importfouten"')[1].split("</div>")[0].count("<li>")
        if 'id="importfouten"' in html
        else 0,
    }


# --- the run ------------------------------------------------------------------------------------------


def target(value, limit, passed: bool, description: str) -> dict:
    return {"description": description, "target": limit, "value": value, "pass": bool(passed)}


def environment(database: dict) -> dict:
    import django
    import weasyprint

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "database": {k: v for k, v in database.items() if k != "database"},
        "database_name": database["database"]
        if database["engine"] == "postgresql"
        else "temporary SQLite file",
        "python": platform.python_version(),
        "django": django.get_version(),
        "weasyprint": weasyprint.__version__,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git_commit": commit or None,
        "debug": True,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "settings": {
            "requests_per_page": REQUESTS,
            "requests_per_export": EXPORT_REQUESTS,
            "report_runs": REPORT_RUNS,
            "scale_factor": FACTOR,
        },
    }


def run(workdir: Path, database: dict) -> dict:
    setup_django(workdir)
    results: dict = {"started_at": datetime.datetime.now().isoformat(timespec="seconds")}
    results["environment"] = environment(database)

    log(f"building the demo programme ({database['engine']} {database['version']})")
    results["setup"] = build_demo()
    results["setup"]["postgres_analyze_s"] = analyze_postgres()
    demo_size = dataset_sizes()

    log("issue 3: nulmeting pages")
    nulmeting = {"pages": nulmeting_pages()}

    log("issue 16: hostile imports (zip bomb, the largest part the limits allow) and 10,000 bad rows")
    imports = measure_imports(workdir)
    imports["bad_rows_page"] = bad_rows_page()

    # Before the advice pages, so both sizes show a municipality page with an open round on it.
    log("issue 10: inviting all 441 municipalities of 2009 in one round")
    rondes = rondes_uitnodigen()

    log("issue 4: advice pages at the demo size")
    advies_demo = advies_pages()

    log("issue 20: the API at the demo size")
    api_demo = api_bench()

    log("issue 9: maps")
    maps = kaarten_bench()

    log("issue 5: eindrapportage at the demo size")
    report_demo = measure_report("demo", workdir)

    log("issue 15: the data step beside the code before reports read history (bench/basislijn.py)")
    basislijn = basislijn_vergelijken(REPORT_RUNS)

    log(f"scaling the sessions to {FACTOR}x with gesprekken_importeren")
    scaling = scale_sessions(FACTOR)
    scaling["postgres_analyze_s"] = analyze_postgres()
    scaled_size = dataset_sizes()

    log(f"issue 4: advice pages at {FACTOR}x")
    advies_scaled = advies_pages()

    log(f"issue 20: the API at {FACTOR}x")
    api_scaled = api_bench()

    log(f"issue 5: eindrapportage at {FACTOR}x")
    report_scaled = measure_report(f"x{FACTOR}", workdir)

    log("issue 3: importing 441 metingen into a fresh eenmeting")
    nulmeting["import"] = nulmeting_import()
    final_size = dataset_sizes()

    equal_pages = {
        key: {
            "demo": advies_demo[key]["queries"],
            f"x{FACTOR}": advies_scaled[key]["queries"],
            "equal": advies_demo[key]["queries"] == advies_scaled[key]["queries"],
        }
        for key in advies_demo
    }
    pages_equal = all(v["equal"] for v in equal_pages.values())
    queries_equal = report_demo["queries_data"] == report_scaled["queries_data"]
    results["dataset"] = {
        "demo": demo_size,
        f"x{FACTOR}": scaled_size,
        "final_after_eenmeting_import": final_size,
    }
    results["nulmeting"] = nulmeting
    results["advies"] = {
        "demo": advies_demo,
        f"x{FACTOR}": advies_scaled,
        "queries_equal": equal_pages,
        "queries_equal_all": pages_equal,
        "import": scaling["import_10000_rows"],
        "scaling": scaling,
    }
    results["rondes"] = rondes
    results["rapportage"] = {
        "demo": report_demo,
        f"x{FACTOR}": report_scaled,
        "queries_equal": queries_equal,
        "basislijn": basislijn,
    }
    results["kaarten"] = maps
    results["imports"] = imports
    api_equal = {key: [api_demo[key]["queries"], api_scaled[key]["queries"]] for key in API_LISTS}
    results["api"] = {"demo": api_demo, f"x{FACTOR}": api_scaled, "list_queries": api_equal}
    national = maps["national"]["gesprekken_441_met_links"]
    results["targets"] = {
        "kaart_render_s": target(
            national["render_s_median"],
            TARGET_MAP_RENDER_S,
            national["render_s_median"] < TARGET_MAP_RENDER_S,
            "national map of 441 municipalities with a link each, drawn without the cache, median seconds, < 0.5",
        ),
        "kaart_svg_bytes": target(
            national["svg_bytes"],
            TARGET_MAP_SVG_BYTES,
            national["svg_bytes"] < TARGET_MAP_SVG_BYTES,
            "that map's SVG, bytes, < 400 kB",
        ),
        "advies_page_queries_equal": target(
            pages_equal, True, pages_equal, f"every advice page: same query count at demo size and {FACTOR}x"
        ),
        "rapport_ratio_demo": target(
            report_demo["ratio"],
            TARGET_RATIO_DEMO,
            report_demo["ratio"] <= TARGET_RATIO_DEMO,
            "(data + html + pdf) / WeasyPrint alone on the same HTML, demo dataset, <= 1.3",
        ),
        "rapport_data_basislijn_ratio": target(
            basislijn["ratio"],
            basislijn["target"],
            basislijn["pass"],
            f"eindrapportage data step from the versions / the same step at {basislijn['basislijn_commit']} "
            "(rows as they are now), the same sections, each on its own demo programme, <= 1.3"
            + (f" - not measured: {basislijn['overgeslagen']}" if "overgeslagen" in basislijn else ""),
        ),
        "rapport_data_x100_s": target(
            report_scaled["data_s"],
            TARGET_DATA_X100_S,
            report_scaled["data_s"] < TARGET_DATA_X100_S,
            f"eindrapportage data step at {FACTOR}x, seconds, < 10",
        ),
        "rondes_queries_constant_per_batch": target(
            rondes["claim_queries_per_batch"],
            "one value",
            len(rondes["claim_queries_per_batch"]) == 1 and rondes["mails_sent"] == rondes["municipalities"],
            "inviting 441 municipalities: the same number of queries for every batch of 50, all mails sent",
        ),
        "import_zipbom_memory_mb": target(
            imports["zipbom_125mb"]["tracemalloc_peak_mb"],
            10,
            imports["zipbom_125mb"]["refused"] is not None
            and imports["zipbom_125mb"]["tracemalloc_peak_mb"] < 10,
            "the 125 MB zip bomb refused before parsing, peak traced memory MB, < 10",
        ),
        "rapport_queries_equal": target(
            [report_demo["queries_data"], report_scaled["queries_data"]],
            "equal",
            queries_equal,
            f"eindrapportage data step: same query count at demo size and {FACTOR}x",
        ),
        "rapport_met_correcties_x100_s": target(
            report_scaled["met_correcties"]["data_s"],
            TARGET_DATA_X100_S,
            report_scaled["met_correcties"]["data_s"] < TARGET_DATA_X100_S,
            f"eindrapportage 'met latere correcties' data step at {FACTOR}x, seconds, < 10",
        ),
        "api_cijfers_cached_ms": target(
            api_scaled["cijfers_cached"]["median_ms"],
            TARGET_API_CIJFERS_CACHED_MS,
            api_scaled["cijfers_cached"]["median_ms"] < TARGET_API_CIJFERS_CACHED_MS,
            f"open figures as of {PEILDATUM} after the first call, at {FACTOR}x, median ms, < 50",
        ),
        "api_list_queries_equal": target(
            api_equal,
            "equal",
            all(a == b for a, b in api_equal.values()),
            f"every API list: same query count at demo size and {FACTOR}x",
        ),
        "rapport_met_correcties_queries_equal": target(
            [report_demo["met_correcties"]["queries_data"], report_scaled["met_correcties"]["queries_data"]],
            "equal",
            report_demo["met_correcties"]["queries_data"] == report_scaled["met_correcties"]["queries_data"],
            f"eindrapportage 'met latere correcties': same query count at demo size and {FACTOR}x",
        ),
    }
    results["environment"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["duration_s"] = round(time.perf_counter() - _started, 1)
    return results


def summary(results: dict) -> str:
    x = f"x{FACTOR}"
    demo, scaled = results["dataset"]["demo"], results["dataset"][x]
    env = results["environment"]
    lines = [
        f"Goed voor Elkaar benchmark: {env['database']['engine']} {env['database']['version']}, "
        f"{env['cpus']} CPUs, {results['duration_s']:.0f} s -> {RESULT_FILE.relative_to(ROOT)}",
        f"Dataset: {demo['municipalities_2009_01_01']} municipalities (2009), {demo['nulmetingen_submitted']} nulmetingen, "
        f"{demo['advisers']} advisers, {demo['sessions']:,} sessions; {x}: {scaled['sessions']:,} sessions",
        "",
        f"Nulmeting (issue 3){'median ms':>48} {'p95 ms':>8} {'queries':>8}",
    ]
    for key, page in results["nulmeting"]["pages"].items():
        lines.append(
            f"  {key:<12} {page['url']:<42} {page['median_ms']:>9} {page['p95_ms']:>8} {page['queries']:>8}"
        )
    imp = results["nulmeting"]["import"]
    lines.append(
        f"  import {imp['rows']} metingen (metingen_importeren): {imp['seconds']} s = {imp['rows_per_second']} rows/s, "
        f"{imp['queries_per_row']} queries/row"
    )
    lines += ["", f"Advisers (issue 4){'demo ms (queries)':>38} {x + ' ms (queries)':>20}"]
    for key in results["advies"]["demo"]:
        a, b = results["advies"]["demo"][key], results["advies"][x][key]
        same = "=" if a["queries"] == b["queries"] else "DIFFERENT"
        lines.append(
            f"  {key:<30} {a['median_ms']:>10} ({a['queries']:>2}) {b['median_ms']:>14} ({b['queries']:>2})  {same}"
        )
    lines += ["", f"API (issue 20){'demo ms (queries)':>42} {x + ' ms (queries)':>20}"]
    api_demo, api_scaled = results["api"]["demo"], results["api"][x]
    first_a, first_b = api_demo["cijfers_first"], api_scaled["cijfers_first"]
    lines.append(
        f"  {'cijfers, first call':<30} {first_a['ms']:>10} ({first_a['queries']:>2}) {first_b['ms']:>14} ({first_b['queries']:>2})"
    )
    for key in ["cijfers_cached", *API_LISTS]:
        a, b = api_demo[key], api_scaled[key]
        same = "=" if a["queries"] == b["queries"] else "DIFFERENT"
        lines.append(
            f"  {key:<30} {a['median_ms']:>10} ({a['queries']:>2}) {b['median_ms']:>14} ({b['queries']:>2})  {same}"
        )
    imp, scaling = results["advies"]["import"], results["advies"]["scaling"]
    lines.append(
        f"  import {imp['rows']:,} sessions (gesprekken_importeren): {imp['seconds']} s = {imp['rows_per_second']:,} rows/s; "
        f"scaling: {scaling['rows_imported']:,} rows in {scaling['seconds_total']} s"
    )
    rondes = results["rondes"]
    lines += [
        "",
        "Rounds (issue 10)",
        f"  invite {rondes['municipalities']} municipalities: plan {rondes['plan_s']} s ({rondes['plan_queries']} queries), "
        f"send {rondes['send_s']} s ({rondes['send_queries']} queries, {rondes['batches']} batches, "
        f"{rondes['claim_queries_per_batch']} claim queries per batch), {rondes['mails_per_second']} mails/s",
        f"  round progress page: {rondes['progress_page']['median_ms']} ms median, {rondes['progress_page']['queries']} queries",
    ]
    lines += ["", f"Reports (issue 5){'demo':>21} {x:>10}"]
    r1, r2 = results["rapportage"]["demo"], results["rapportage"][x]
    for key, label in [
        ("data_s", "data (s)"),
        ("data_figures_s", "  of which figures (s)"),
        ("data_db_s", "  of which SQL (s)"),
        ("html_s", "html (s)"),
        ("pdf_s", "pdf (s)"),
        ("pdf_alone_s", "WeasyPrint alone (s)"),
        ("ratio", "ratio"),
        ("queries_data", "queries (data)"),
        ("tracemalloc_peak_mb", "tracemalloc peak (MB)"),
        ("maxrss_mb", "maxrss (MB)"),
    ]:
        lines.append(f"  {label:<26} {r1[key]:>10} {r2[key]:>10}")
    basis = results["rapportage"]["basislijn"]
    if basis["ratio"] is None:
        lines.append(
            f"  data step against {basis['basislijn_commit']}: not measured ({basis['overgeslagen']})"
        )
    else:
        lines.append(
            f"  data step against {basis['basislijn_commit']} (issue 15), the same sections: "
            f"{basis['zelfde_inhoud']['data_s']} s / {basis['basislijn']['data_s']} s = {basis['ratio']} "
            f"(<= {basis['target']}); the whole report of now: {basis['nu']['data_s']} s = "
            f"{basis['ratio_hele_rapport']}"
        )
    lines += ["", "Maps (issue 9)"]
    for key, kaart in results["kaarten"]["national"].items():
        lines.append(
            f"  {key:<30} {kaart['render_s_median']:>6} s median (first {kaart['render_s_first']} s), "
            f"{kaart['svg_bytes']:,} bytes, cached {kaart['cached_ms']} ms"
        )
    for key, page in results["kaarten"]["dashboards"].items():
        lines.append(
            f"  /overzicht/ {key:<18} cold {page['cold_median_ms']:>7} ms, warm {page['median_ms']:>6} ms, "
            f"{page['queries']} queries"
        )
    imp = results["imports"]
    lines += ["", "Imports (issue 16)"]
    for key in ("zipbom_125mb", "shared_strings_48mb", "valid_10000_rows"):
        m = imp[key]
        lines.append(
            f"  {key:<20} {m['file_bytes']:>10,} bytes: {m['seconds']:>6} s, peak {m['tracemalloc_peak_mb']} MB traced, "
            f"maxrss {m['maxrss_after_mb']} MB, {'refused' if m['refused'] else 'read'}"
        )
    page = imp["bad_rows_page"]
    lines.append(
        f"  {page['rows']:,} bad session rows on the import page: {page['seconds']} s, {page['response_bytes']:,} bytes, "
        f"{page['errors_listed']} errors listed"
    )
    lines += ["", "Targets"]
    for key, t in results["targets"].items():
        lines.append(f"  {'PASS' if t['pass'] else 'FAIL'}  {key}: {t['value']} (target {t['target']})")
    return "\n".join(lines)


def api_only() -> int:
    """The API's part alone: the demo programme, then ``api_bench`` once (no scaling)."""
    workdir = Path(tempfile.mkdtemp(prefix="gve-bench-"))
    try:
        with throwaway_database(workdir):
            setup_django(workdir)
            build_demo()
            print(json.dumps(api_bench(), indent=2, ensure_ascii=False, default=str))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-child", metavar="LABEL", help=argparse.SUPPRESS)
    parser.add_argument("--import-child", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--api-only",
        action="store_true",
        help="only the API's part (issue 20) on the demo data, printed as JSON",
    )
    args = parser.parse_args()
    if args.api_only:
        return api_only()
    if args.import_child:
        import_child(args.import_child, args.out)
        return 0
    if args.report_child:
        report_child(args.report_child, args.out)
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="gve-bench-"))
    try:
        with throwaway_database(workdir) as database:
            results = run(workdir, database)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    RESULT_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULT_FILE.write_text(
        json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
