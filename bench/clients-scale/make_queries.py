#!/usr/bin/env python3
"""Turns sampled search texts into the bench's inputs.

    make_queries.py SAMPLES_TSV PATHS_DIRECT PATHS_GATEWAY PARAMS_SQL PAGE_SIZE

SAMPLES_TSV: "kind<TAB>text" lines (kind: name, inn, phone) sampled from the seeded companies.
Writes the request paths for wrk (direct and through the gateway, URL-encoded) and PARAMS_SQL,
which loads bench_search_params: per query the parameters the clients service binds, as SQL
literals for pgbench's \\gset. They mirror SearchTerms.Parse in
services/Clients/CrmSuite.Clients.Api/Companies/CompanyQueries.cs for a single typed word:
name prefix 'w:*'; for 3+ digits the INN prefix, '+digits' and, after a leading 8, '+7…'; the
lower-cased text as email prefix. LIKE patterns get the '%' EF's StartsWith adds.
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
        p.write("CREATE TABLE bench_search_params (i int PRIMARY KEY, kind text, query text, name_q text, inn_like text, "
                "phone_like text, trunk_like text, email_like text);\n")
        for i, (kind, text) in enumerate(rows, 1):
            q = urllib.parse.quote(text, safe="")
            d.write(f"/v1/companies:search?query={q}&pageSize={page_size}\n")
            g.write(f"/api/clients/v1/companies:search?query={q}&pageSize={page_size}\n")
            word = text.lower()
            name_q = word + ":*"
            digits = word if word.isdigit() and len(word) >= 3 else None
            inn_like = digits + "%" if digits else None
            phone_like = "+" + digits + "%" if digits else None
            trunk_like = "+7" + digits[1:] + "%" if digits and digits[0] == "8" else None
            email_like = word + "%"
            values = [str(i), literal(kind), literal(text)] + [
                literal(literal(v)) for v in (name_q, inn_like, phone_like, trunk_like, email_like)]
            p.write(f"INSERT INTO bench_search_params VALUES ({', '.join(values)});\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
