"""Text messages: gateways that send them (console, Twilio), GSM-7 rules, opt-outs, keywords."""
