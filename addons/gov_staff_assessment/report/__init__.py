from . import assessment_xlsx
