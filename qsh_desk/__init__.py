"""QSH Desk (亲善之家前台): the front-desk app of a community children's centre."""

__version__ = "0.1.0"
APP_NAME = "qsh-desk"
APP_TITLE = "亲善之家前台"
