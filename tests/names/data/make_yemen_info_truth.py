#!/usr/bin/env python3
"""Builds yemen_info_district_truth.csv: the OCHA ADM2 P-code of every
district of the Yemen-info gazetteer, which carries no P-codes.

Independent of localmap's matcher (no C++ code, no Jaro-Winkler, no fuzzy
step).  Two pieces of evidence per district:

  name         the gazetteer's Arabic name equals an OCHA ADM2_AR name of the
               same governorate after a deliberately strict normalisation
               (Python unicodedata NFC, tashkeel/tatweel removed, alef forms,
               taa marbuta, alef maqsura and hamza carriers unified; nothing
               else: no article removal, no similarity).  The 22 governorates
               are joined the same way (all 22 join uniquely).
  subdistricts the gazetteer's own sub-districts (yemen_info_uzaal.csv, which
               its README says come from OCHA's 2019 admin list) are joined by
               the same strict name to OCHA ADM3 units of the governorate; the
               ADM2 P-code most of them lie in (a strict majority) is the vote.

Rows where both exist agree in every case (the script fails otherwise).
Rows with a name join but no clear vote keep the name join (the vote, if
tied, includes it).  Rows with no name join were read by hand (English name of both
sources, Arabic spelling) and are listed in HAND_CHECKED with the reason.

Run from the repository root:
  python3 tests/names/data/make_yemen_info_truth.py ../shared/data > tests/names/data/yemen_info_district_truth.csv
"""
import collections, csv, re, sqlite3, sys, unicodedata

# district_id -> why the single piece of evidence is right (read by hand).
HAND_CHECKED = {
    "17": "subdistricts 12:1; سنحان = OCHA Sanhan wa Bani Bahlul (short form)",
    "92": "subdistricts 6:0; ثلا = ثلاء Thula (final hamza)",
    "179": "subdistricts 1:0; ولد ربيع = ولدربيع Wald Rabi' (space)",
    "202": "subdistricts 4:0; المخا = المخاء Al Makha (final hamza)",
    "203": "subdistricts 2:0; ذباب = OCHA Dhubab, whose Arabic name is باب المندب",
    "224": "subdistricts 4:0; خب والشعف = خب و الشعف (space)",
    "266": "subdistricts 2:0; حورة ووادي العين = OCHA Wadi Al Ayn (Hawrah and Wadi al-Ayn)",
    "280": "subdistricts 2:0; الغيضة = الغيظه Al Ghaydhah (ض/ظ)",
    "306": "subdistricts 2:0; المضاربة والعارة = المضاربة و العاره (space)",
}

def strict(s):
    s = unicodedata.normalize("NFC", s)
    s = re.sub("[\u064B-\u0652\u0670\u0640]", "", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")
    return re.sub(r"\s+", " ", s).strip()

def rows(db, table, cols):
    con = sqlite3.connect(db)
    return [dict(zip(cols, r)) for r in con.execute(f"select {','.join(cols)} from {table}")]

def main(data):
    adm1 = rows(f"{data}/boundaries/yem_adm1.gpkg", "yem_adm1", ["ADM1_PCODE", "ADM1_AR"])
    adm2 = rows(f"{data}/boundaries/yem_adm2.gpkg", "yem_adm2", ["ADM1_PCODE", "ADM2_PCODE", "ADM2_AR"])
    adm3 = rows(f"{data}/boundaries/yem_adm3.gpkg", "yem_adm3", ["ADM1_PCODE", "ADM2_PCODE", "ADM3_AR"])
    gaz = f"{data}/gazetteer"
    govs = list(csv.DictReader(open(f"{gaz}/yemen_info_governorates.csv", encoding="utf-8")))
    districts = list(csv.DictReader(open(f"{gaz}/yemen_info_districts.csv", encoding="utf-8")))
    uzaal = list(csv.DictReader(open(f"{gaz}/yemen_info_uzaal.csv", encoding="utf-8")))

    gov = {}
    for g in govs:
        hits = [a["ADM1_PCODE"] for a in adm1 if strict(a["ADM1_AR"]) == strict(g["name_ar"])]
        assert len(hits) == 1, (g, hits)
        gov[g["governorate_id"]] = hits[0]
    adm3_by_name = collections.defaultdict(set)
    for r in adm3:
        adm3_by_name[(r["ADM1_PCODE"], strict(r["ADM3_AR"]))].add(r["ADM2_PCODE"])

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["district_id", "governorate_pcode", "name_ar", "pcode", "evidence"])
    for d in districts:
        g = gov[d["governorate_id"]]
        by_name = [a["ADM2_PCODE"] for a in adm2 if a["ADM1_PCODE"] == g and strict(a["ADM2_AR"]) == strict(d["name_ar"])]
        votes = collections.Counter()
        for u in uzaal:
            if u["district_id"] == d["district_id"]:
                for code in adm3_by_name.get((g, strict(u["name_ar"])), ()):
                    votes[code] += 1
        top = votes.most_common(2)
        vote = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
        name = by_name[0] if len(by_name) == 1 else None
        if name and vote:
            assert name == vote, (d, name, vote)
            out.writerow([d["district_id"], g, d["name_ar"], name, "name+subdistricts"])
        elif name:
            # No clear vote (no sub-districts, or a tie): the strict name join alone.
            assert not top or name in [c for c, n in top if n == top[0][1]], (d, name, top)
            out.writerow([d["district_id"], g, d["name_ar"], name, "name"])
        else:
            assert d["district_id"] in HAND_CHECKED, (d, name, vote, top)
            out.writerow([d["district_id"], g, d["name_ar"], name or vote, "hand: " + HAND_CHECKED[d["district_id"]]])

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
