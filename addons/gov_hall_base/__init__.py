from . import models, tools, wizard
from .hooks import post_init_hook
