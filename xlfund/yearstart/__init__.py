"""`xlfund init`: the settings file and the blank submission forms at the start of a year."""
