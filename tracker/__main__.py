"""`python -m tracker`: the same as the `tracker` command."""

from tracker.main import main

if __name__ == "__main__":
    main()
