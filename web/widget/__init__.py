"""The website chat widget: static files a clinic embeds with one script tag, and a demo page."""
