"""One module per `casereview` command: NAME, HELP, `add_arguments(parser)` and `handle(args)`."""
