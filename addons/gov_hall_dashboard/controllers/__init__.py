from . import main
from . import journeys
