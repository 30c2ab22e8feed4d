#!/usr/bin/env python3
"""answers.py — records what a running edudx answers to a fixed set of requests over the demo
data (every read endpoint as JSON and CSV, and requests that must fail without changing
anything), one file per request with its status, ETag, Content-Type, Content-Disposition and
body. Two builds run against one database give two folders that `diff -r` compares byte for
byte: how a refactoring shows that answers did not change.

Usage: answers.py BASE_URL ADMIN_TOKEN OUTDIR
  e.g. answers.py http://127.0.0.1:8080 "$TOKEN" /tmp/answers-before
"""
import json
import os
import sys
import urllib.error
import urllib.request


def fetch(base, token, method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else body
        if not (headers and "Content-Type" in headers):
            req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, data=data) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def first_id(base, token, path, key="id"):
    status, _, body = fetch(base, token, "GET", path)
    items = json.loads(body)["items"] if status == 200 else []
    return items[0][key] if items else "00000000-0000-0000-0000-000000000000"


def requests_for(base, token):
    district = first_id(base, token, "/v1/districts?limit=1")
    school = first_id(base, token, "/v1/schools?limit=1&sort=code")
    plan = first_id(base, token, "/v1/plans?limit=1")
    assessment = first_id(base, token, "/v1/assessments?limit=1&sort=year")
    procedure = first_id(base, token, "/v1/procedures?limit=1&sort=name")
    dossier = first_id(base, token, "/v1/dossiers?limit=1&sort=received_at")
    tok = first_id(base, token, "/v1/tokens?limit=1")
    gets = [
        "/healthz", "/readyz", "/v1/me", "/v1/tokens", f"/v1/tokens/{tok}",
        "/v1/districts", f"/v1/districts/{district}", "/v1/districts/code:453",
        "/v1/districts?q=tuyen%20hoa",
        "/v1/schools?limit=500", "/v1/schools?limit=500&format=csv", f"/v1/schools/{school}",
        "/v1/schools?q=dong%20le", "/v1/schools?level=primary,lower_secondary&sort=-name",
        "/v1/schools?commune=thanh%20thach&active=true",
        "/v1/indicators?limit=500", "/v1/indicators?format=csv", "/v1/indicators/SECTOR_DB_USE",
        "/v1/plans", "/v1/plans?format=csv", f"/v1/plans/{plan}",
        f"/v1/schools/{school}/reports/2024", f"/v1/schools/{school}/reports/2024/history",
        f"/v1/schools/{school}/reports/2024/history?format=csv",
        f"/v1/districts/{district}/reports/2024", f"/v1/districts/{district}/reports/2024/history",
        "/v1/reports?limit=500", "/v1/reports?limit=500&offset=500&format=csv",
        "/v1/reports?indicator=BROADBAND_CONNECTED&sort=school_code",
        f"/v1/districts/{district}/progress?year=2024",
        f"/v1/districts/{district}/progress?year=2024&format=csv",
        "/v1/progress?year=2024", "/v1/progress?year=2024&format=csv", "/v1/progress?year=2023",
        f"/v1/schools/{school}/scorecard?year=2024",
        f"/v1/schools/{school}/scorecard?year=2024&format=csv",
        "/v1/frameworks", "/v1/frameworks/4725", "/v1/frameworks/4725?version=1",
        "/v1/assessments?limit=500", "/v1/assessments?limit=500&format=csv",
        "/v1/assessments?state=recognized&level=2", "/v1/assessments?late=true",
        f"/v1/assessments/{assessment}", f"/v1/assessments/{assessment}/history",
        f"/v1/districts/{district}/assessments/overview?year=2024",
        "/v1/procedures?limit=500", "/v1/procedures?format=csv&limit=500",
        "/v1/procedures?q=giao%20vien", f"/v1/procedures/{procedure}",
        f"/v1/procedures/{procedure}/metrics?year=2024",
        f"/v1/districts/{district}/procedure-metrics?year=2024",
        f"/v1/districts/{district}/procedure-metrics?year=2024&format=csv",
        "/v1/dossiers?limit=500", "/v1/dossiers?limit=500&offset=500&format=csv",
        "/v1/dossiers?year=2024&channel=online&status=resolved&sort=-due_at",
        "/v1/dossiers?overdue=true", f"/v1/dossiers/{dossier}",
        "/v1/audit?limit=500&entity=school", "/v1/audit?limit=500&format=csv&entity=plan",
        # refused requests: every one must change nothing
        "/v1/nowhere", "/v1/schools?limit=0&sort=color&level=college&active=maybe",
        "/v1/progress", "/v1/progress?year=1999&format=xml", "/v1/dossiers?year=abc&zz=1",
        f"/v1/districts/{district}/progress?year=2030", "/v1/schools/not-an-id",
    ]
    out = [("GET", p, None, None) for p in gets]
    out += [
        ("DELETE", "/v1/progress?year=2024", None, None),
        ("POST", "/v1/districts", '{"code":"","name":1,"extra":true}', None),
        ("POST", "/v1/schools", '{"code":"x y","name":"","level":"college","students":-1}', None),
        ("POST", "/v1/schools", '{"a":1,"a":2}', None),
        ("POST", "/v1/schools", "[]", None),
        ("POST", "/v1/schools", "{}", {"Content-Type": "text/plain"}),
        ("PATCH", f"/v1/schools/{school}", '{"level":"college","email":"nope"}', None),
        ("PATCH", f"/v1/schools/{school}", '{"name":"x"}', {"If-Match": '"0000"'}),
        ("PATCH", f"/v1/districts/{district}", '{"province":""}', None),
        ("PATCH", f"/v1/procedures/{procedure}", '{"online_mode":"some"}', None),
        ("PATCH", f"/v1/dossiers/{dossier}", '{"status":"received"}', None),
        ("PATCH", f"/v1/indicators/SECTOR_DB_USE", '{"aggregation":"mean"}', None),
        ("PATCH", f"/v1/schools/{school}/reports/2024", '{"values":{"BROADBAND_CONNECTED":7}}', None),
        ("POST", "/v1/schools/import", "code;name\n;\n", {"Content-Type": "text/csv"}),
        ("POST", "/v1/dossiers/import", '[{"reference":"X"}]', None),
        ("POST", f"/v1/assessments/{assessment}/recognize", '{"level":5}', None),
        ("PUT", "/v1/frameworks/4725", '{"title_vi":"x","title_en":"y","groups":[],'
                                       '"level_bands":{}}', None),
    ]
    return out


def main():
    base, token, outdir = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    os.makedirs(outdir, exist_ok=True)
    for n, (method, path, body, headers) in enumerate(requests_for(base, token)):
        status, h, data = fetch(base, token, method, path, body, headers)
        with open(os.path.join(outdir, f"{n:03d}.txt"), "wb") as f:
            f.write(f"{method} {path}\nstatus {status}\n".encode())
            for name in ("Content-Type", "ETag", "Content-Disposition", "Allow", "Location"):
                if h.get(name) is not None:
                    f.write(f"{name}: {h.get(name)}\n".encode())
            f.write(b"\n" + data)
    print(f"{n + 1} answers in {outdir}")


if __name__ == "__main__":
    main()
