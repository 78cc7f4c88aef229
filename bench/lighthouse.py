"""Lighthouse accessibility and best-practices scores of each role's main pages (issue 17).

Against the app that `make run` serves (demo accounts, second step with the demo secret):

    make run                                            # in another shell
    npm install --prefix /tmp/lh lighthouse@12          # once
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse .venv/bin/python bench/lighthouse.py

Chromium from Debian (/usr/bin/chromium). Prints per page the two scores and any failed audit.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

B = os.environ.get("BASIS_URL", "http://127.0.0.1:8000")
ROOT = Path(__file__).resolve().parent.parent
PAGINAS = {
    "gemeente": [
        "/overzicht/",
        "/nulmeting/GM1900/eenmeting-demo/stap/1/",
        "/advies/beleidsplannen/GM1900/",
        "/gemeenten/GM1900/",
        "/nulmeting/GM0064/nulmeting-2009/uitslag/",
    ],
    "adviseur": ["/overzicht/", "/advies/gesprekken/nieuw/", "/advies/gesprekken/", "/gemeenten/GM0080/"],
    "coordinator": [
        "/overzicht/",
        "/nulmeting/overzicht/",
        "/rapportage/",
        "/nulmeting/GM0080/nulmeting-2009/uitslag/",
        "/api/v1/docs/",
    ],
}


def cookie(rol):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        time.sleep(31 - time.time() % 30)
        ctx = b.new_context()
        page = ctx.new_page()
        page.goto(B + "/account/inloggen/")
        page.get_by_label("E-mailadres").fill(f"{rol}@demo.goedvoorelkaar.nl")
        page.get_by_label("Wachtwoord").fill("GoedVoorElkaar2012")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        c = subprocess.run(
            [sys.executable, "manage.py", "demo_code"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        page.locator("input[name=code]").fill(re.findall(r"\b\d{6}\b", c)[-1])
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        koek = "; ".join(f"{k['name']}={k['value']}" for k in ctx.cookies())
        b.close()
        return koek


uitkomst = {}
for rol, paginas in PAGINAS.items():
    koek = cookie(rol)
    for pad in paginas:
        subprocess.run(
            [
                os.environ.get("LIGHTHOUSE", "lighthouse"),
                B + pad,
                "--quiet",
                "--output=json",
                "--output-path=/tmp/lighthouse.json",
                "--only-categories=accessibility,best-practices",
                "--chrome-flags=--headless=new --no-sandbox",
                "--extra-headers",
                json.dumps({"Cookie": koek}),
            ],
            env={"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin"},
            capture_output=True,
            timeout=180,
        )
        r = json.loads(Path("/tmp/lighthouse.json").read_text(encoding="utf-8"))
        scores = {k: round(v["score"] * 100) for k, v in r["categories"].items()}
        mis = [
            a
            for a, v in r["audits"].items()
            if v.get("score") is not None and v["score"] < 1 and v.get("scoreDisplayMode") == "binary"
        ]
        print(rol, pad, r["finalDisplayedUrl"].replace(B, ""), scores, mis, flush=True)
