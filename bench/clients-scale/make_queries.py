#!/usr/bin/env python3
"""Turns sampled search texts into the bench's inputs.

    make_queries.py SAMPLES_TSV PATHS_DIRECT PATHS_GATEWAY PARAMS_SQL PAGE_SIZE

SAMPLES_TSV: "kind<TAB>text" lines (kind: name, inn, phone) sampled from the seeded companies.
Writes the request paths for wrk (direct and through the gateway, URL-encoded) and PARAMS_SQL,
which loads bench_search_params: per query the parameters the clients service binds, as SQL
literals for pgbench's \\gset. They mirror WordSearchPlan.For in
services/Clients/CrmSuite.Clients.Api/Companies/CompanySearch.cs for a single typed word of 3+
characters: the word's first three characters select a run of the word index, 'word%' filters
it; a number starting with 8 (Russia's trunk prefix) also runs as 7….
"""
import sys
import urllib.parse


def literal(value):
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def main() -> int:
    samples, direct, gateway, params, page_size = sys.argv[1:6]
    rows = []
    with open(samples, encoding="utf-8") as f:
        for line in f:
            kind, _, text = line.rstrip("\n").partition("\t")
            if text:
                rows.append((kind, text))
    with open(direct, "w", encoding="utf-8") as d, open(gateway, "w", encoding="utf-8") as g, \
            open(params, "w", encoding="utf-8") as p:
        p.write("CREATE TABLE bench_search_params (i int PRIMARY KEY, kind text, query text, p1 text, l1 text, p2 text, l2 text);\n")
        for i, (kind, text) in enumerate(rows, 1):
            q = urllib.parse.quote(text, safe="")
            d.write(f"/v1/companies:search?query={q}&pageSize={page_size}\n")
            g.write(f"/api/clients/v1/companies:search?query={q}&pageSize={page_size}\n")
            word = text.lower()
            words = [word]
            if word.isdigit() and word[0] == "8":
                words.append("7" + word[1:])
            runs = [(w[:3], w + "%") for w in words] + [(None, None)]
            values = [str(i), literal(kind), literal(text)] + [
                literal(literal(v)) for v in (runs[0][0], runs[0][1], runs[1][0], runs[1][1])]
            p.write(f"INSERT INTO bench_search_params VALUES ({', '.join(values)});\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
