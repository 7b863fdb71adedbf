"""Plans: arguments turned into frozen plans, with every default resolved and every plain value
checked before any resource registers."""
