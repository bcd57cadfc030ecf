// Text fragments for generated workspaces (names, companies, interview notes, follow-up wording), kept
// as data in one file. Nothing here is random on its own: every choice goes through the Picker that
// the generators pass in (random.ts's Rng), so a seed fixes the text.
//
// Names, companies, domains and phone numbers are fictional: e-mail domains use the reserved
// .example/.test names and phone numbers use the 555-01xx and Ofcom drama ranges.

/** The part of the generator's seeded PRNG that the fragments need. */
export interface Picker {
  pick<T>(items: readonly T[]): T;
  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
}

export const FIRST_NAMES = [
  "Marcus",
  "Sarah",
  "Priya",
  "Wei",
  "Aisha",
  "Diego",
  "Olivia",
  "Liam",
  "Noah",
  "Emma",
  "Ava",
  "Sophia",
  "Mateo",
  "Lucas",
  "Chloe",
  "Hannah",
  "Fatima",
  "Omar",
  "Yusuf",
  "Amara",
  "Kwame",
  "Chidi",
  "Ngozi",
  "Hiroshi",
  "Yuki",
  "Min-jun",
  "Ji-woo",
  "Mei",
  "Lin",
  "Arjun",
  "Ananya",
  "Rohan",
  "Kavya",
  "Siddharth",
  "Isabella",
  "Camila",
  "Valentina",
  "Santiago",
  "Alejandro",
  "Lucia",
  "Sofia",
  "Elena",
  "Ivan",
  "Dmitri",
  "Katarina",
  "Anna",
  "Lena",
  "Jonas",
  "Felix",
  "Lukas",
  "Mia",
  "Finn",
  "Emil",
  "Freya",
  "Astrid",
  "Lars",
  "Ingrid",
  "Nils",
  "Tomás",
  "João",
  "Beatriz",
  "Rafael",
  "Gabriel",
  "Julia",
  "Mark",
  "David",
  "Michael",
  "James",
  "John",
  "Robert",
  "William",
  "Daniel",
  "Matthew",
  "Andrew",
  "Joshua",
  "Ryan",
  "Kevin",
  "Brian",
  "Jason",
  "Eric",
  "Tyler",
  "Brandon",
  "Justin",
  "Jessica",
  "Jennifer",
  "Ashley",
  "Amanda",
  "Stephanie",
  "Nicole",
  "Megan",
  "Lauren",
  "Rachel",
  "Katie",
  "Danielle",
  "Samantha",
  "Emily",
  "Madison",
  "Taylor",
  "Jordan",
  "Morgan",
  "Casey",
  "Alex",
  "Sam",
  "Chris",
  "Jamie",
  "Robin",
  "Tariq",
  "Leila",
  "Nadia",
  "Hassan",
  "Zainab",
  "Imani",
  "Malik",
  "Jamal",
  "Keisha",
  "DeShawn",
  "Andre",
  "Marisol",
  "Rosa",
  "Carmen",
  "Luis",
  "Carlos",
  "Jorge",
  "Miguel",
  "Ana",
  "Patrick",
  "Sean",
  "Siobhan",
  "Niamh",
  "Declan",
  "Aoife",
  "Oliver",
  "George",
  "Harry",
  "Charlotte",
  "Amelia",
  "Isla",
  "Grace",
  "Ethan",
  "Nathan",
  "Zoe",
  "Ruby",
] as const;

export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Perez",
  "Thompson",
  "White",
  "Harris",
  "Sanchez",
  "Clark",
  "Ramirez",
  "Lewis",
  "Robinson",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
  "Torres",
  "Nguyen",
  "Hill",
  "Flores",
  "Green",
  "Adams",
  "Nelson",
  "Baker",
  "Hall",
  "Rivera",
  "Campbell",
  "Mitchell",
  "Carter",
  "Roberts",
  "Chen",
  "Wang",
  "Li",
  "Zhang",
  "Liu",
  "Huang",
  "Kim",
  "Park",
  "Choi",
  "Tanaka",
  "Suzuki",
  "Sato",
  "Patel",
  "Shah",
  "Singh",
  "Kumar",
  "Gupta",
  "Iyer",
  "Reddy",
  "Nair",
  "Okafor",
  "Adeyemi",
  "Mensah",
  "Boateng",
  "Okonkwo",
  "Diallo",
  "Haddad",
  "Khalil",
  "Rahman",
  "Hussain",
  "Ahmed",
  "Yilmaz",
  "Demir",
  "Kowalski",
  "Nowak",
  "Novak",
  "Horvat",
  "Ivanova",
  "Petrov",
  "Schmidt",
  "Müller",
  "Schneider",
  "Fischer",
  "Weber",
  "Becker",
  "Hoffmann",
  "Larsen",
  "Nielsen",
  "Hansen",
  "Johansson",
  "Lindqvist",
  "Eriksson",
  "Virtanen",
  "Dubois",
  "Moreau",
  "Laurent",
  "Bernard",
  "Rossi",
  "Russo",
  "Bianchi",
  "Romano",
  "Costa",
  "Silva",
  "Santos",
  "Oliveira",
  "Pereira",
  "Ferreira",
  "Murphy",
  "O'Brien",
  "Kelly",
  "Byrne",
  "Walsh",
  "O'Connor",
  "McCarthy",
  "Fraser",
  "Stewart",
  "Murray",
  "Evans",
  "Hughes",
  "Edwards",
  "Price",
  "Cohen",
  "Levy",
  "Friedman",
  "Goldberg",
  "Alvarez",
  "Castillo",
  "Vargas",
  "Mendoza",
  "Ortiz",
  "Reyes",
  "Cruz",
  "Morales",
  "Jimenez",
  "Brooks",
  "Bennett",
  "Foster",
  "Hayes",
  "Coleman",
  "Jenkins",
  "Bailey",
  "Reed",
  "Sullivan",
] as const;

/** Candidates' personal mail domains (reserved names, never delivered). */
export const MAIL_DOMAINS = [
  "example.com",
  "example.net",
  "example.org",
  "mail.example",
  "inbox.example",
  "post.example",
] as const;

/** Client companies the organization hires for; the domain is used for interviewer addresses. */
export const CLIENTS = [
  { name: "Acme Logistics", domain: "acme-logistics.example" },
  { name: "Globex Software", domain: "globex.example" },
  { name: "Initech Payments", domain: "initech.example" },
  { name: "Umbrella Health", domain: "umbrella-health.example" },
  { name: "Hooli Cloud", domain: "hooli.example" },
  { name: "Vandelay Industrial", domain: "vandelay.example" },
  { name: "Wonka Retail Systems", domain: "wonka-retail.example" },
  { name: "Tyrell Analytics", domain: "tyrell.example" },
] as const;

/** Where the candidate works now: the "own experience" sentences name it ("at TechCorp we built…"). */
export const EMPLOYERS = [
  "TechCorp",
  "Brightline Software",
  "Corvid Analytics",
  "Tallwater Systems",
  "Meridian Freight",
  "Halcyon Health",
  "Northbeam Payments",
  "Quarry Labs",
  "Bluefin CRM",
  "Copperleaf Insurance",
  "Everstone Logistics",
  "Lumen Retail Cloud",
  "Pinecrest Medical",
  "Redwood Fintech",
  "Summit Fleet",
  "Oakridge Data",
  "Harbor Security",
  "Kestrel Robotics",
  "Atlas Staffing",
  "Verity HR",
  "Granite Manufacturing Systems",
  "Silverline Telecom",
  "Cobalt Energy Software",
  "Foxglove Marketing",
] as const;

export const POSITION_TITLES = [
  "Account Executive",
  "Senior Account Executive",
  "Enterprise Account Executive",
  "Mid-Market Account Executive",
  "Sales Development Representative",
  "Business Development Representative",
  "Regional Sales Manager",
  "Customer Success Manager",
  "Account Manager",
  "Solutions Engineer",
  "Sales Manager",
  "Head of Sales",
  "VP of Sales",
  "Channel Partner Manager",
  "Inside Sales Representative",
  "Renewals Manager",
] as const;

/** Suffixes that tell repeated titles apart in a large workspace. */
export const POSITION_SUFFIXES = [
  "Midwest",
  "Northeast",
  "Southeast",
  "West Coast",
  "Texas",
  "EMEA",
  "DACH",
  "UK & Ireland",
  "Nordics",
  "Healthcare",
  "Public Sector",
  "Fintech",
  "Manufacturing",
  "Retail",
  "Strategic Accounts",
  "New Logos",
] as const;

export const TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Europe/London",
  "Europe/Berlin",
] as const;

export const SOURCES: readonly (readonly [string, number])[] = [
  ["LinkedIn", 34],
  ["Referral", 16],
  ["Job board", 20],
  ["Agency", 10],
  ["Careers page", 10],
  ["Sourced", 7],
  ["Event", 3],
];

export const REJECTION_REASONS = [
  "Went with a candidate with more enterprise experience",
  "Not enough closing experience for the deal size",
  "Hiring manager chose another finalist",
  "Compensation expectations above the band",
  "Weak on discovery in the final round",
  "Role filled internally",
  "No follow-through after the panel",
  "Could not relocate for the territory",
] as const;

export const WITHDRAWAL_REASONS = [
  "Accepted another offer",
  "Counter-offer from current employer",
  "Compensation did not work",
  "Not ready to travel that much",
  "Stopped responding",
  "Decided to stay in SMB sales",
] as const;

// ---------------------------------------------------------------------------------------------------
// Interview topics. Each renders, with one set of specifics, the interviewer's note, the noun phrase a
// specific follow-up uses to refer back to it (sharing the note's words), and a sentence in which the
// candidate ties it to their own work.

export interface TopicContext {
  /** Interviewer's first name, as used in notes ("Sarah raised…"). */
  interviewer: string;
  /** Candidate's current employer. */
  employer: string;
}

export interface TopicText {
  note: string;
  ref: string;
  own: string;
}

type Topic = (p: Picker, c: TopicContext) => TopicText;

/** [name, the name as it reads after "in"]. */
const REGIONS = [
  ["Midwest", "the Midwest"],
  ["Northeast", "the Northeast"],
  ["Southeast", "the Southeast"],
  ["Pacific Northwest", "the Pacific Northwest"],
  ["Texas", "Texas"],
  ["Mountain West", "the Mountain West"],
  ["DACH", "the DACH region"],
  ["Nordics", "the Nordics"],
  ["UK & Ireland", "the UK and Ireland"],
  ["Benelux", "Benelux"],
] as const;
const CRMS = ["Salesforce", "HubSpot", "Dynamics 365", "Pipedrive"] as const;
const METHODS = ["MEDDICC", "MEDDPICC", "Challenger", "SPIN", "Command of the Message", "Sandler"] as const;
const VERTICALS = [
  "healthcare",
  "logistics",
  "fintech",
  "manufacturing",
  "retail",
  "higher education",
  "insurance",
  "public sector",
] as const;
const SALES_TOOLS = ["Gong", "Outreach", "Salesloft", "Clari", "Chorus"] as const;
const COMPETITORS = ["Vertex Cloud", "Pallas Software", "Stratus One", "Helix Systems", "Orbit CRM"] as const;
const PRODUCTS = [
  "analytics",
  "fleet tracking",
  "billing",
  "reporting",
  "workflow",
  "scheduling",
  "payments",
] as const;
const CITIES = [
  "Chicago",
  "Denver",
  "Atlanta",
  "Dallas",
  "Boston",
  "Seattle",
  "London",
  "Munich",
  "Amsterdam",
] as const;

export const TOPICS: readonly Topic[] = [
  (p, c) => ({
    note: p.pick([
      `${c.interviewer} raised the challenge of getting the CFO and tech team aligned earlier in the process; deals stall when finance joins late.`,
      "Discussed CFO and tech team alignment: finance usually shows up in the last two weeks and kills the timeline.",
    ]),
    ref: "getting the CFO and tech team aligned earlier in the process",
    own: `At ${c.employer} we built a whole discovery framework around that, so finance is in the room by the second call.`,
  }),
  (p, c) => {
    const pct = p.int(88, 142);
    const quota = p.pick(["$800k", "$1.1M", "$1.2M", "$1.5M", "$1.8M", "$2.4M"]);
    return {
      note: `Walked through quota attainment last year: ${pct}% of a ${quota} number, ${p.pick(["mostly new logos", "about half expansion", "two large deals in Q4"])}.`,
      ref: `my quota attainment last year`,
      own: `The ${pct}% at ${c.employer} came from ${p.pick(["a tight outbound routine", "expanding our top twenty accounts", "two multi-year renewals I turned into upsells"])}, and I can walk you through the deals.`,
    };
  },
  (p, c) => {
    const [region, inRegion] = p.pick(REGIONS);
    return {
      note: `Talked about the open territory in ${inRegion}; it has been covered by ${p.pick(["an overlay rep", "the VP directly", "nobody"])} since ${p.pick(["March", "last summer", "the reorg"])}.`,
      ref: `the open territory in ${inRegion}`,
      own: `At ${c.employer} I built a ${region} book from almost nothing to ${p.pick(["$900k", "$1.3M", "$2M"])} in pipeline in my first year.`,
    };
  },
  (p, c) => {
    const acv = p.pick(["$40k", "$60k", "$85k", "$120k", "$250k"]);
    const cycle = p.pick([60, 90, 120, 180]);
    return {
      note: `${c.interviewer} asked about moving from SMB to enterprise deals; average deal here is ${acv} ACV with a ${cycle}-day cycle.`,
      ref: `moving from SMB to enterprise deals at around ${acv} ACV`,
      own: `I made that jump at ${c.employer} last year, and my average deal size went from ${p.pick(["$12k", "$18k", "$25k"])} to ${acv}.`,
    };
  },
  (p, c) => {
    const crm = p.pick(CRMS);
    return {
      note: `${c.interviewer} mentioned the ${crm} migration planned for next quarter and the pipeline hygiene problems behind it.`,
      ref: `the ${crm} migration and the pipeline hygiene problems`,
      own: `I was the sales lead on our ${crm} rollout at ${c.employer}, so I know how messy pipeline data gets before it gets better.`,
    };
  },
  (p, c) => {
    const n = p.int(4, 12);
    const role = p.pick(["AEs", "SDRs", "account managers"]);
    const target = n + p.int(2, 8);
    return {
      note: `Team size is ${n} ${role} today, growing to ${target} by year end; reports to the VP of Sales.`,
      ref: `growing the team from ${n} to ${target} ${role}`,
      own: `At ${c.employer} I onboarded ${p.int(2, 5)} new ${role} last year and wrote the ramp plan we still use.`,
    };
  },
  (p, c) => {
    const m = p.pick(METHODS);
    return {
      note: `They run ${m}; went through how the candidate qualifies the economic buyer and handles champions who go quiet.`,
      ref: `how you use ${m} to qualify the economic buyer`,
      own: `We used ${m} at ${c.employer} as well, and I coached two SDRs on the economic buyer part.`,
    };
  },
  (p, c) => {
    const v = p.pick(VERTICALS);
    return {
      note: `Biggest opportunity this year is the push into ${v}; candidate has sold into ${v} before.`,
      ref: `the push into ${v}`,
      own: `Most of my closed deals at ${c.employer} last year were ${v} accounts, so I know who signs and who blocks.`,
    };
  },
  (p, c) => ({
    note: `Discussed the switch to usage-based pricing and how it changes renewal conversations${p.chance(0.5) ? " with procurement" : ""}.`,
    ref: "the switch to usage-based pricing and what it does to renewals",
    own: `${c.employer} moved to usage-based pricing two years ago and I ran most of the renewal conversations that came out of it.`,
  }),
  (p, c) => {
    const n = p.int(5, 12);
    const inbound = p.pick([60, 70, 75, 80]);
    return {
      note: `Pipeline is about ${inbound}% inbound; ${c.interviewer} wants more outbound from the AEs, around ${n} meetings a week.`,
      ref: `getting more outbound meetings, around ${n} a week`,
      own: `I booked ${n + p.int(1, 4)} meetings a week from my own outbound at ${c.employer}, mostly with short, specific emails.`,
    };
  },
  (p, c) => {
    const [, inRegion] = p.pick(REGIONS);
    return {
      note: `Talked about working with channel partners and resellers in ${inRegion}; two partners bring a third of the pipeline.`,
      ref: `the channel partners and resellers in ${inRegion}`,
      own: `At ${c.employer} I co-sold with ${p.int(3, 6)} resellers and learned to keep them in the deal without losing control of it.`,
    };
  },
  (p, c) => {
    const nrr = p.int(88, 97);
    const k = p.pick([15, 20, 25, 40]);
    return {
      note: `Net revenue retention dropped to ${nrr}% last year; the role owns renewals for the top ${k} accounts.`,
      ref: `getting net revenue retention back above 100% with the top ${k} accounts`,
      own: `I owned renewals for our largest accounts at ${c.employer} and we finished last year at ${p.int(104, 118)}% net retention.`,
    };
  },
  (p, c) => {
    const product = p.pick(PRODUCTS);
    return {
      note: `Candidate ran a short mock demo of the ${product} module: good discovery questions, a bit long on features.`,
      ref: `the mock demo of the ${product} module`,
      own: `Fair point on the features; at ${c.employer} my best demos were the ones where I showed two screens and asked ten questions.`,
    };
  },
  (p, c) => {
    const weeks = p.int(4, 10);
    return {
      note: `Procurement and security reviews add ${weeks} weeks to most deals; ${c.interviewer} wants reps who start them early.`,
      ref: `the security reviews adding ${weeks} weeks to deals`,
      own: `At ${c.employer} I started sending the security questionnaire in week one, which cut about a month off our cycle.`,
    };
  },
  (p, c) => {
    const city = p.pick(CITIES);
    return {
      note: `Role needs travel about ${p.pick([20, 25, 30, 40])}% of the time, mostly to ${city} for customer visits.`,
      ref: `the customer visits in ${city}`,
      own: `I travel about a third of the time at ${c.employer} now, and the in-person meetings are where my biggest deals moved.`,
    };
  },
  (p, c) => {
    const comp = p.pick(COMPETITORS);
    return {
      note: `Main competitor is ${comp}; lost ${p.int(2, 5)} deals to them on price last quarter.`,
      ref: `losing deals to ${comp} on price`,
      own: `We competed with ${comp} at ${c.employer} too, and I won most of those by selling the rollout plan instead of the discount.`,
    };
  },
  (_p, c) => ({
    note: `${c.interviewer} is unhappy with forecast accuracy; wants commit calls every Monday and fewer slipped deals.`,
    ref: "forecast accuracy and the Monday commit calls",
    own: `At ${c.employer} I was within 5% of my commit for the last three quarters, mostly by killing deals early.`,
  }),
  (p, c) => {
    const tool = p.pick(SALES_TOOLS);
    return {
      note: `Team uses ${tool} for call reviews; candidate has used it for two years and likes the deal boards.`,
      ref: `using ${tool} for call reviews`,
      own: `I review two of my own calls in ${tool} every week at ${c.employer}, which is how I fixed my talk ratio.`,
    };
  },
  (p, c) => {
    const months = p.int(5, 8);
    const goal = months - p.int(1, 2);
    return {
      note: `New AEs take about ${months} months to ramp; goal is to get ramp time under ${goal} months.`,
      ref: `bringing ramp time under ${goal} months`,
      own: `I hit full quota in my fourth month at ${c.employer} and documented the playbook for the next hires.`,
    };
  },
  (p, c) => {
    const base = p.pick([70, 80, 90, 110, 130]);
    return {
      note: `Comp: base around $${base}k with OTE $${base * 2}k; candidate is fine with the 50/50 split and the accelerators.`,
      ref: `the 50/50 comp split and the accelerators`,
      own: `My plan at ${c.employer} is also 50/50, and I've been paid into accelerators in ${p.pick(["two", "three", "each"])} of the last four quarters.`,
    };
  },
];

/** Sentences a note may carry besides its topics. */
export const NOTE_FILLERS = [
  "Strong on discovery, asked good questions about the team.",
  "Clear, concise answers; a little nervous at the start.",
  "Start date could be in four weeks.",
  "Wants to understand the promotion path to team lead.",
  "Good energy; references available on request.",
  "Candidate asked about the first 90 days.",
  "Some gaps on forecasting, otherwise solid.",
  "Next round would be with the VP of Sales.",
] as const;

// ---------------------------------------------------------------------------------------------------
// Follow-up fragments.

export const SPECIFIC_OPENERS_SAME_DAY = [
  "Good talking today.",
  "Thanks for the time this afternoon.",
  "Really enjoyed the conversation today.",
  "Thanks for making the time today.",
  "Great conversation this morning.",
] as const;
export const SPECIFIC_OPENERS_LATER = [
  "Thanks again for our conversation.",
  "Still thinking about our conversation.",
  "Thanks for the time on our call.",
] as const;

/** Frames for the reference back to the interview; {ref} is a topic's noun phrase. */
export const REF_FRAMES = [
  "That challenge you mentioned, {ref}, is exactly what I've been dealing with.",
  "You mentioned {ref}, and that is the part of the job I'd most like to own.",
  "I keep coming back to what you said about {ref}.",
  "The point you made about {ref} stuck with me.",
  "Thanks for being straight with me about {ref}.",
] as const;
export const SECOND_REF_FRAMES = [
  "Also liked hearing about {ref}.",
  "And {ref} sounds like a problem worth solving.",
  "Happy to dig into {ref} next time too.",
] as const;

export const INTEREST_LINES = [
  "I'm very interested in this role.",
  "I'm very interested in this role and would love to keep the conversation going.",
  "I want this job, and I think I can help.",
  "Very interested in the {title} role.",
  "I'm genuinely excited about this role and the team.",
] as const;

export const NEXT_STEP_LINES = [
  "Happy to send references whenever you need them.",
  "Would a quick call Thursday work to talk through next steps?",
  "Glad to put you in touch with my current VP as a reference.",
  "Happy to talk comp whenever it's useful.",
  "I can put together a 30-60-90 day plan before the next round if that helps.",
  "I'm free Tuesday or Wednesday afternoon for the next conversation.",
] as const;

/** Optional last line of a specific follow-up. */
export const SPECIFIC_CLOSERS = [
  "Either way, thanks for being so open about where the team is.",
  "I also put a couple of thoughts on the first 90 days in writing if you want them.",
  "Enjoyed meeting the team, and I'd like to keep this moving.",
  "If anything from today worried you, I'd rather hear it now and answer it.",
] as const;

export const SPECIFIC_SIGNOFFS = [
  "{first}",
  "Best,\n{first}",
  "Thanks,\n{first}",
  "Talk soon,\n{first}",
] as const;

export const SPECIFIC_SUBJECTS = [
  "Thanks for today",
  "Following up on our conversation",
  "Re: {title} interview",
  "Quick follow-up",
  "Thanks, {interviewer}",
] as const;

export const GENERIC_GREETINGS = [
  "Dear {interviewer},",
  "Dear Hiring Manager,",
  "Hello {interviewer},",
  "Dear {interviewerFull},",
  "Hi {interviewer},",
] as const;
export const GENERIC_OPENERS = [
  "I hope this email finds you well.",
  "I hope this email finds you well.",
  "I hope this email finds you well.",
  "I hope you are having a great week.",
  "",
] as const;
export const GENERIC_THANKS = [
  "Thank you for taking the time to meet with me {when} to discuss the {title} position at {client}.",
  "Thank you for the opportunity to interview for the {title} role at {client} {when}.",
  "I wanted to thank you for speaking with me {when} about the {title} position.",
] as const;
export const GENERIC_MIDDLES = [
  "I enjoyed learning more about the role and the team.",
  "It was a pleasure speaking with you and learning more about the opportunity.",
  "I appreciated the chance to learn more about your company and its culture.",
  "Our conversation confirmed my interest in joining your team.",
] as const;
export const GENERIC_FIT = [
  "I believe my experience in sales would make me a great fit for the position.",
  "I am excited about the opportunity to contribute to your team's success.",
  "I am confident I would be a valuable addition to your sales organization.",
] as const;
export const GENERIC_CLOSERS = [
  "Please let me know if you need any additional information from me. I look forward to hearing from you.",
  "Please do not hesitate to contact me if you have any further questions. I look forward to hearing from you regarding the next steps.",
  "I look forward to hearing from you soon.",
] as const;
export const GENERIC_SIGNOFFS = [
  "Best regards,\n{full}",
  "Sincerely,\n{full}",
  "Kind regards,\n{full}",
  "Thank you,\n{full}",
] as const;
export const GENERIC_SUBJECTS = [
  "Thank You for the Interview",
  "Thank you – {title} Interview",
  "Thank You",
  "Interview Follow-Up",
  "Following Up on My Interview",
] as const;

/** Sentences for long, stiff letters: joined until the letter reaches 300–450 words. */
export const STIFF_SENTENCES = [
  "I would like to take this opportunity to express my sincere gratitude for the time you dedicated to our interview regarding the {title} position at {client}.",
  "It was truly a pleasure to engage in such an insightful and thought-provoking discussion about the role and the strategic direction of your organization.",
  "Furthermore, I was particularly impressed by the collaborative culture and the commitment to excellence that you described throughout our conversation.",
  "I am confident that my skills and experience make me an ideal candidate for this position and that I would be able to contribute meaningfully from day one.",
  "Throughout my career, I have consistently demonstrated a results-driven approach, a strong work ethic, and an unwavering commitment to exceeding targets.",
  "Moreover, my ability to build lasting relationships with key stakeholders at every level has enabled me to drive sustainable revenue growth.",
  "In addition, I possess excellent communication and interpersonal skills, which I believe are essential for success in a dynamic sales environment.",
  "I am particularly drawn to the opportunity to leverage my expertise in consultative selling to help your organization achieve its ambitious objectives.",
  "Furthermore, I am a highly motivated self-starter who thrives in fast-paced environments and embraces new challenges with enthusiasm and determination.",
  "I firmly believe that my background aligns seamlessly with the requirements of the role as outlined in the job description.",
  "Additionally, I have a proven track record of managing the full sales cycle, from prospecting and qualification to negotiation and closing.",
  "I am confident that my skills in pipeline management and forecasting would allow me to add significant value to your esteemed team.",
  "Moreover, I am deeply passionate about delivering exceptional value to customers and fostering long-term partnerships built on trust.",
  "It is my belief that continuous learning and professional development are the cornerstones of success, and I am eager to grow alongside your organization.",
  "In my previous roles, I have successfully collaborated with cross-functional teams, including marketing, product, and customer success, to achieve shared goals.",
  "Furthermore, I am adept at utilizing modern sales technologies and CRM platforms to optimize efficiency and maximize productivity.",
  "I would welcome the opportunity to further discuss how my qualifications, experience, and passion can contribute to the continued success of {client}.",
  "Please allow me to reiterate my strong enthusiasm for this exciting opportunity and my eagerness to become a part of your talented team.",
  "I am confident that my skills, combined with my dedication and drive, would make a positive and lasting impact on your organization.",
  "Should you require any further information, references, or documentation, please do not hesitate to contact me at your earliest convenience.",
  "Once again, I extend my heartfelt appreciation for your time, consideration, and the valuable insights you shared during our discussion.",
  "I remain at your complete disposal and look forward to the possibility of contributing to the achievement of your strategic goals.",
] as const;
export const STIFF_GREETINGS = [
  "Dear {interviewerFull},",
  "Dear {interviewer},",
  "Dear Hiring Manager,",
  "Dear Sir or Madam,",
] as const;
export const STIFF_SIGNOFFS = [
  "Respectfully,\n{full}",
  "Yours sincerely,\n{full}",
  "With kind regards,\n{full}",
  "Sincerely,\n{full}",
] as const;
export const STIFF_SUBJECTS = [
  "Thank You for the Opportunity to Interview for the {title} Position",
  "Expression of Gratitude Following Our Interview",
  "Follow-Up Regarding the {title} Position",
] as const;

/**
 * Near-identical letters that several candidates send with only the names changed (the kind that comes
 * out of one prompt or one "thank you email" article).
 */
export const SHARED_TEMPLATES = [
  "Dear {interviewer},\n\nThank you so much for the opportunity to interview for the {title} position. I truly appreciated the chance to learn more about {client} and the exciting work your team is doing. Our conversation reinforced my enthusiasm for the role, and I am confident that my background in sales and my passion for building relationships would allow me to make a meaningful contribution.\n\nPlease do not hesitate to reach out if you need any further information. I look forward to the possibility of working together.\n\nWarm regards,\n{full}",
  "Hi {interviewer},\n\nI wanted to send a quick note to thank you for taking the time to speak with me today. I really enjoyed our conversation and learning more about the {title} role. It sounds like a great opportunity, and I am excited about the possibility of joining your team.\n\nIf there is anything else you need from me, please let me know. Thanks again, and I hope you have a great rest of your week!\n\nBest,\n{full}",
  "Dear {interviewer},\n\nI hope this email finds you well. I am writing to express my appreciation for the interview for the {title} position. It was a pleasure to discuss how my skills and experience align with the needs of your team. I am very excited about the opportunity to contribute to {client}'s continued growth and success.\n\nThank you again for your time and consideration. I look forward to hearing from you about the next steps in the process.\n\nSincerely,\n{full}",
  "Hello {interviewer},\n\nThank you for meeting with me to discuss the [Job Title] role. I enjoyed hearing about your goals for the team and the company's vision for the future. I believe I would be a strong fit and would welcome the chance to help your team exceed its targets.\n\nPlease feel free to contact me if I can provide any additional information.\n\nBest regards,\n{full}",
] as const;

export const TERSE_LINES = [
  "Thanks for your time today {interviewer}, enjoyed it. Let me know what you need from me.",
  "Hi {interviewer}, thanks for the chat today. Looking forward to next steps.",
  "Thanks again for today! Really enjoyed meeting you. Hope to hear back soon.",
  "{interviewer} - appreciate the time today. Still very keen on the {title} role.",
  "Thanks for the interview. Let me know if you have any other questions.",
] as const;

export const SECOND_FOLLOW_UPS = [
  "Hi {interviewer},\n\nJust checking in on the {title} role. Still very interested, and happy to send references or jump on a call this week.\n\n{first}",
  "{interviewer}, quick nudge on the {title} process. Anything else you need from me? Happy to set up a call with my last manager as a reference.\n\n{first}",
  "Hi {interviewer}, wanted to follow up on my note from earlier this week. I'm still very interested in the role. Let me know if there's a good time to talk next steps.\n\nThanks,\n{first}",
] as const;
export const SECOND_SUBJECTS = [
  "Checking in",
  "Re: Thanks for today",
  "Following up on the {title} role",
] as const;

/** Fills {name} placeholders; unknown names are left as they are. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
