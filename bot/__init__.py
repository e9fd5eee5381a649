"""citebot's front ends: the command line (`bot.cli`) and Telegram (`bot.telegram`).

They parse input, call the `retrieval` library and render its answers with
the one renderer in `bot.render`.
"""
