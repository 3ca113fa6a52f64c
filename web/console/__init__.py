"""The front desk's staff console: a server-rendered Flask app over `bot.frontdesk`.

`web.console.app.create_app` builds it; `web.console.db` holds what views use per request.
"""
