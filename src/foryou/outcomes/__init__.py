"""Outcomes (console): what take-up of a program means, the take-up events read from later imports, and
the estimator that turns them into an effect with its confidence interval.

    definitions.py   outcome_of(program), allows_holdout(program): from a program file's outcome: and holdout:
    models.py        TakeUp (one row per program, registrant, day, source), TakeUpRecording (one per import)
    services.py      record_takeups(): after each applied import; purge() for the daily retention
    takeup.py        cumulative(), took_up_counts(), data_through(): what the pages ask
    estimate.py      two_groups(), compare_variants(), additional_people(): the statistics (statsmodels)

The notices and pages that use them live in foryou.effect (holdouts, variants, results pages).
"""
