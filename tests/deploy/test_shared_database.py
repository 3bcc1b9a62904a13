"""Several replicas write to one database at once and nothing is lost — SQLite and PostgreSQL.

Each "replica" is a separate Python process with its own engine, as in a real deployment.
The enquiry store itself is tested against both databases in its own tests (``db_url``).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select

from .servers import ROOT

ROWS_PER_WRITER = 25
WRITER = textwrap.dedent(
    """
    import sys
    from sqlalchemy import Column, Integer, MetaData, String, Table, insert
    from imc_data import db

    url, writer, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    table = Table("replica_writes", MetaData(), Column("id", Integer, primary_key=True),
                  Column("writer", String(20), nullable=False), Column("n", Integer, nullable=False))
    engine = db.get_engine(url)
    for n in range(rows):
        with engine.begin() as conn:  # one transaction per write, like one enquiry
            conn.execute(insert(table).values(writer=writer, n=n))
    """
)


def test_two_writer_processes_lose_nothing(db_url):
    table = Table(
        "replica_writes",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("writer", String(20), nullable=False),
        Column("n", Integer, nullable=False),
    )
    engine = create_engine(db_url)
    table.metadata.create_all(engine)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, db_url, name, str(ROWS_PER_WRITER)], cwd=ROOT)
        for name in ("replica-a", "replica-b")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with engine.connect() as conn:
        counts = dict(conn.execute(select(table.c.writer, func.count()).group_by(table.c.writer)).all())
        distinct = conn.execute(
            select(func.count(func.distinct(table.c.writer + ":" + func.cast(table.c.n, String))))
        ).scalar()
    engine.dispose()
    assert counts == {"replica-a": ROWS_PER_WRITER, "replica-b": ROWS_PER_WRITER}
    assert distinct == 2 * ROWS_PER_WRITER
