#!/usr/bin/env python3
"""Write a text archive shaped like the US Senate press releases, for measuring text imports.

    bench/senate_like.py OUT FILES_PER_SENATOR [SENATORS]      (default 5 senators)

One folder per senator, files named DDMonYYYYNameN.txt (metadata only in folder and file names:
import with path_pattern = "{issuer}/{date:%d%b%Y}{*}.txt", format = "text"). Every file starts
with the press room's chrome ("United States Senator X Press Room", "Latest News", "Releases",
every third "FOR IMMEDIATE RELEASE"), then a headline and 3-7 paragraphs, then a contact line
(the same phone number in three files of four) and a navigation bar; every tenth release is one
line (headline and paragraphs on one line). Seeded: the same arguments give the same bytes.
20,000 files (4000 per senator) are about 40 MB. docs/performance.md (§ Page chrome) uses it.
Standard library only.
"""
import os
import random
import sys

out, per = sys.argv[1], int(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 5
rng = random.Random(16)
senators = [("Shelby", "Richard Shelby"), ("Kennedy", "Edward Kennedy"),
            ("Clinton", "Hillary Rodham Clinton"), ("Lugar", "Richard Lugar"),
            ("Feinstein", "Dianne Feinstein")]
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
subjects = ["Funding for Research Center", "Highway Bill", "Veterans Health Care",
            "Farm Bill Amendment", "Water Infrastructure Grant", "Small Business Loans",
            "Defense Authorization", "Rural Broadband", "Student Aid Reform",
            "Disaster Relief Package", "Energy Independence Act", "Port Security"]
verbs = ["Secures", "Applauds", "Announces", "Introduces", "Statement on", "Welcomes", "Questions"]
words = ("the senate committee today voted program federal state funds county families workers "
         "million support bill measure hearing report agency department new jobs local").split()


def sentence(n):
    w = [rng.choice(words) for _ in range(n)]
    return w[0].capitalize() + " " + " ".join(w[1:]) + "."


for short, full in senators[:count]:
    d = os.path.join(out, short)
    os.makedirs(d, exist_ok=True)
    for i in range(per):
        date = f"{rng.randint(1, 28):02d}{rng.choice(months)}{rng.randint(2005, 2008)}"
        path = os.path.join(d, f"{date}{short}{i + 1}.txt")
        title = f"{short} {rng.choice(verbs)} {rng.choice(subjects)}"
        lead = (f"WASHINGTON, D.C. -- U.S. Senator {full} today announced "
                f"{rng.choice(subjects).lower()} support for the state. ")
        paras = [lead + " ".join(sentence(rng.randint(8, 20)) for _ in range(3))]
        paras += [" ".join(sentence(rng.randint(8, 20)) for _ in range(rng.randint(2, 5)))
                  for _ in range(rng.randint(2, 6))]
        if i % 10 == 9:
            text = title + ". " + " ".join(paras) + "\n"
        else:
            head = [f"United States Senator {full} Press Room", "Latest News", "Releases"]
            if i % 3 == 0:
                head.append("FOR IMMEDIATE RELEASE")
            phone = rng.randint(1000, 9999) if i % 4 == 0 else 5744
            foot = [f"Contact: {full} Press Office (202) 224-{phone}",
                    f"Home | About {short} | Issues | Newsroom | Contact"]
            text = "\n".join(head + [title, ""] + [p + "\n" for p in paras] + foot) + "\n"
        with open(path, "w") as f:
            f.write(text)
