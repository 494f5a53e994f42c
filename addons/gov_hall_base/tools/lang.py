"""The language of a center: what our code writes on records (chatter messages, activity summaries, mail
subjects, record names, default texts) reads in the center's language, whoever runs the code (a clerk
working in English, the installer, a cron, OdooBot)."""

FALLBACK_LANG = "zh_CN"


def center_lang(env, company=None):
    """The language of ``company`` (the current company by default): its partner's language when it is
    installed, else Simplified Chinese when installed, else the language of ``env``."""
    company = company or env.company
    installed = {code for code, _name in env["res.lang"].get_installed()}
    for code in (company.partner_id.lang, FALLBACK_LANG):
        if code and code in installed:
            return code
    return env.lang or "en_US"


def _company_of(records):
    if "company_id" in records._fields:
        companies = records.company_id
        if len(companies) == 1:
            return companies
    return records.env.company


def center_env(records, company=None):
    """``records`` in the language of their center (their ``company_id`` when they share one, else
    ``company``, else the current company): ``center_env(case).env._("...")`` renders a text for the
    record's chatter, ``center_env(case).message_post(...)`` posts it, and the tracking values and
    selection labels Odoo writes follow the same language."""
    company = company or _company_of(records)
    return records.with_context(lang=center_lang(records.env, company))
