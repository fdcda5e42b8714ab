"""Rules and targeting: the condition language, its SQL compiler, a reference evaluator, explain,
recipients and triggers."""
