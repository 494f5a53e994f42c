from . import gov_hall_test_deadline
