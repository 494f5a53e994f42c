"""19.0.1.3.0: the case's day received at its center (``date_received_day``, stored for the statistics).

The column is added and filled here in one UPDATE, in the center's time zone (its partner's ``tz``, else Beijing
time, as ``gov_hall_base.tools.dates.center_tz``), so that the ORM finds it filled and does not compute it case by
case over the whole table when the module is updated.
"""


def migrate(cr, version):
    cr.execute("ALTER TABLE gov_hall_case ADD COLUMN IF NOT EXISTS date_received_day date")
    cr.execute("""
        WITH tz AS (
            SELECT rc.id, COALESCE((SELECT n.name FROM pg_timezone_names n WHERE n.name = p.tz), 'Asia/Shanghai') AS tz
              FROM res_company rc
              JOIN res_partner p ON p.id = rc.partner_id
        )
        UPDATE gov_hall_case c
           SET date_received_day = (c.date_received AT TIME ZONE 'UTC' AT TIME ZONE tz.tz)::date
          FROM tz
         WHERE tz.id = c.company_id AND c.date_received IS NOT NULL
    """)
