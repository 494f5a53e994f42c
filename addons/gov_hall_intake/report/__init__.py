from . import case_statistics_xlsx
