"""The SMS layer below messaging: the gateway protocol, the console outbox and GSM-7 rules."""
