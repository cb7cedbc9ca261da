"""The rhythm of a study group: co-coding sessions, questions and answers, reflections,
writing (blog posts, the showcase) and presenting (public page, journey report).

One module per idea: `sessions` (schedule, agenda, check-in), `recap`, `questions`,
`mentoring`, `reflections`, `blog`, `journey` (the data the public page and the report
show), `pages` (their HTML) and `catchup` (what a newcomer reads first).
"""
