# Writes pandas-table.json: a small DataFrame as pandas' JSON Table Schema (orient="table").
# Produced with Debian 12's python3-pandas 1.5.3:  /usr/bin/python3 make_pandas_doc.py
import pandas as pd

frame = pd.DataFrame(
    {
        "city": ["Seattle", "Zürich", None, "東京"],
        "rain_mm": [1.5, None, 0.0, 12.25],
        "days": [3, 7, 0, 21],
        "sunny": [True, False, True, False],
        "when": pd.to_datetime(["2012-01-01 10:00:00", "2013-06-30 23:59:59.123", None, "2020-02-29"]),
        "stamp": pd.to_datetime(["2012-01-01T10:00:00Z", "2013-06-30T23:59:59.123Z", "2015-05-05T05:05:05Z", None], utc=True),
        "count": pd.array([1, 2, 3, 4], dtype="int64"),
    }
)
frame.to_json("pandas-table.json", orient="table", date_format="iso")
