from . import main
from . import portal
from . import ocds
from . import listing
from . import tendering
from . import auction
