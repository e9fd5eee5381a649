"""The text of an invented council release, long enough to fill two columns and run onto a second page."""

HEADLINE = "Council sets out five-year plan for school buildings"
DATELINE = "Cardiff, 12 March 2025"
PARAGRAPHS = [
    "Example County Council has set out a five-year plan to repair, extend or replace forty school buildings, "
    "the largest programme of its kind since the county was formed.",
    "The plan, approved by the cabinet on Tuesday, will cost 120 million pounds, of which the Welsh Government "
    "is expected to meet two thirds through its sustainable communities for learning programme.",
    "Twelve primary schools will be rebuilt on their present sites",
    "Cabinet member for education Rhian Morgan said: “Too many of our pupils are taught in buildings that were "
    "never meant to last this long. Leaking roofs and cold classrooms are not the setting any child deserves.”",
    "She added that work would begin in the schools with the worst condition surveys, and that every head "
    "teacher would be told before the summer where their school stood in the programme.",
    "The council will also build two new secondary schools, one in the north of the county and one on the site "
    "of the former steelworks, each for about 1,200 pupils.",
    "Head teachers’ unions welcomed the plan but warned that the timetable depended on building costs, which "
    "have risen by almost a third in three years.",
    "Gareth Price, secretary of the county branch of the Example Teachers Union, said the union would hold the "
    "council to its promise that no school would close while the work went on.",
    "Parents will be consulted on each project before plans are submitted",
    "A public meeting on the first six projects will be held at County Hall on 2 April, and the plans will be "
    "published on the council’s website a week before.",
    "The council expects the first rebuilt schools to open in September 2027, and the two secondary schools in "
    "September 2029.",
    "Opposition councillors said the plan should have come two years earlier, and asked why three schools in "
    "the valleys had been left out of the first phase.",
    "The leader of the council, Dafydd Hughes, said those schools had been surveyed last year and would be "
    "added to the programme as soon as the survey reports were final.",
    "The full plan and the condition survey of every school are available from the council’s education "
    "department on request.",
]
