"""19.0.1.1.0: anonymous complaints keep no trace of their submitter.

New anonymous complaints are created and filed by OdooBot (see ``gov.complaint._gov_create_anonymous``). The
ones received before this version still carry the submitter in create_uid/write_uid, the creation message
(author, e-mail, tracking values), the evidence attached with the complaint and the followers, which
department reviewers can read: what the submission itself wrote is filed under OdooBot here, and the
submitter stops following the complaint. What officers wrote later stays theirs (全程留痕).
"""

ROOT_UID = 1  # base.user_root (OdooBot)
# what the submission wrote: within a few seconds of the complaint's creation
AT_CREATION = "interval '5 seconds'"


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'base' AND name = 'partner_root'")
    bot_partner = cr.fetchone()[0]
    cr.execute("""
        CREATE TEMP TABLE gov_anon ON COMMIT DROP AS
        SELECT c.id, c.create_date, c.create_uid AS submitter_uid, u.partner_id AS submitter
          FROM gov_complaint c LEFT JOIN res_users u ON u.id = c.create_uid
         WHERE c.anonymous AND c.create_uid <> %s
    """, [ROOT_UID])
    cr.execute("""
        DELETE FROM mail_followers f USING gov_anon a
         WHERE f.res_model = 'gov.complaint' AND f.res_id = a.id AND f.partner_id = a.submitter
    """)
    cr.execute(f"""
        UPDATE gov_complaint c
           SET create_uid = %(root)s,
               write_uid = CASE WHEN c.write_uid = a.submitter_uid AND c.write_date <= a.create_date + {AT_CREATION}
                                THEN %(root)s ELSE c.write_uid END
          FROM gov_anon a WHERE c.id = a.id
    """, {"root": ROOT_UID})
    cr.execute(f"""
        CREATE TEMP TABLE gov_anon_msg ON COMMIT DROP AS
        SELECT m.id FROM mail_message m JOIN gov_anon a ON m.model = 'gov.complaint' AND m.res_id = a.id
         WHERE (m.create_uid = a.submitter_uid OR m.author_id = a.submitter)
           AND m.create_date <= a.create_date + {AT_CREATION}
    """)
    cr.execute("""
        UPDATE mail_message m SET create_uid = %s, write_uid = %s, author_id = %s, email_from = NULL,
               reply_to = NULL
          FROM gov_anon_msg x WHERE m.id = x.id
    """, [ROOT_UID, ROOT_UID, bot_partner])
    cr.execute("""
        UPDATE mail_tracking_value t SET create_uid = %s, write_uid = %s
          FROM gov_anon_msg x WHERE t.mail_message_id = x.id
    """, [ROOT_UID, ROOT_UID])
    for table in ("ir_attachment", "mail_activity"):
        cr.execute(f"""
            UPDATE {table} t SET create_uid = %(root)s, write_uid = %(root)s
              FROM gov_anon a
             WHERE t.res_model = 'gov.complaint' AND t.res_id = a.id AND t.create_uid = a.submitter_uid
               AND t.create_date <= a.create_date + {AT_CREATION}
        """, {"root": ROOT_UID})
