"""LINE in the gateway: the webhook (signed events → recorded → handled in a task), the channel that
pushes and multicasts notices through the official async SDK, and notices rendered as Flex messages."""
