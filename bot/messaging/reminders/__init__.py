"""SMS appointment reminders kept in the database, planned with bookings and sent by a worker.

`planning` says when (offsets and quiet hours from the clinic profile's `reminders`), `text`
what, `worker` sends what is due (`bot reminders run`, built in `app.reminders`), and `queries`
are the console's read views. The bootstrap wires `planning` into the booking services.
"""
