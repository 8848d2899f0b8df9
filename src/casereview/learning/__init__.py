"""Learning across reviews: the national figures (timeliness of cases, recommendations across
reviews), with one filter model, one small-number rule and one CSV writer (docs/adr/0014)."""
