"""Reading the graph: facts explained by their sentences, conflicts between articles, the
timeline of rounds, and name search."""
