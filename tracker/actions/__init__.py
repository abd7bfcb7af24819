"""The user actions, one function each, called alike by the CLI and every screen.

add, edit and delete a meeting (actions.meetings), accept a candidate read from an article,
change people (actions.people), undo and redo (actions.undo), the history of changes
(actions.history). Each takes what the user asked for and where it came from (model.Origin),
applies the domain's defaults (actions.defaults), checks the meeting (store.meetings.check_meeting),
asks the duplicate question, writes one transaction and one change in the log, and returns
domain objects. No screen, no terminal: nothing here imports textual, rich or click.
"""
