from cnr_lint.cli import main

main()
