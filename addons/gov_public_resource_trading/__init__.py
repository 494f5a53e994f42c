from . import controllers
from . import models
from . import report
from .hooks import post_init_hook
