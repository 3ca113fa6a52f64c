"""Booking emails: composed in the booking's transaction, kept in `booking_emails`, sent by a
gateway (`console` writes .eml files, `smtp` uses smtplib) and retried until they go."""
