from evaluation.score import main

main()
