"""Delivery in the gateway, read top to bottom as a notice travels:

    orders.py      send.order / send.recipients from the console → one Delivery per recipient
    workers.py     `kick()` enqueues dispatch tasks while work is due (the `foryou worker` loop)
    dispatcher.py  one worker's loop: claim a lot, send it, record it, report progress
    claims.py      claiming a lot: retries due again first, then new deliveries grouped into batches
    senders.py     LineSender / EmailSender: a claimed lot through a channel, with rate limits
    channel.py     what every channel is given and answers: Send, Result, Outcome, Backoff
                   (the channels themselves: foryou.gateway.line.channel, foryou.gateway.email.channel)
    record.py      each Result becomes its delivery's status, in one transaction per lot
    fallback.py    LINE could not reach someone: the notice goes by email once
    progress.py    delivery.progress snapshots for the console
    sweep.py       deliveries stuck for a day are given up (`foryou deliveries sweep`)
    window.py, ratelimit.py, content.py: the delivery window, shared rate slots, the rendered text

Statuses and reason codes are defined once, in foryou.shared.delivery (the console reads them too).
"""
