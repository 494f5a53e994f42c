def post_init_hook(env):
    """Import the State Council holiday schedules known to ``chinese-calendar`` (2004 onwards)."""
    env["gov.hall.calendar.year"]._import_chinese_calendar()
