from . import main
from . import portal
from . import apply
from . import apply_bundle
