package corpusgen

// Utterance templates. "A:" lines are spoken by the agent, "C:" lines by
// the caller. Placeholders in braces are expanded by call.fill: entity
// placeholders ({NAME}, {EMAIL}, {CARD}, ...) become labelled spans, the
// others ({PRICE}, {ORDER}, {REF16}, {BADSSN}, ...) become unlabelled hard
// negatives or plain words. A "#" suffix ({BADSSN#}) repeats one value
// within a call.

var greetings = []string{
	"A: Thank you for calling {COMPANY}, my name is {AGENT}. How can I help you today?",
	"A: Good morning, {COMPANY} customer care, this is {AGENT} speaking. What can I do for you?",
	"A: Hi, you've reached {COMPANY}. My name's {AGENT}, who do I have the pleasure of speaking with?",
	"A: {COMPANY}, {AGENT} speaking. Just so you know, this call may be recorded for quality and training purposes. How may I help?",
	"A: Good afternoon and thanks for holding. You're through to the customer team at {COMPANY}.",
	"A: Hello, thank you for your patience. This is {AGENT} with {COMPANY}, can I start with your name please?",
	"A: Thanks for calling {COMPANY}. Sorry about the wait, it's been a busy morning – how can I help?",
	"A: Welcome to {COMPANY}. I'm {AGENT}, and I'll be looking after you today.",
	"A: Thank you for calling {COMPANY}. How can I help?",
	"A: Good evening, {COMPANY}, how can I help you?",
	"A: Hi there, thanks for waiting. You're speaking with the {COMPANY} service team, what can I do for you today?",
	"A: {COMPANY} support, good morning. Sorry for the hold – we're running about {MINUTES} minutes behind today.",
	"A: Thank you for holding, you've reached {COMPANY}. Please note this call is recorded. What can I help you with?",
	"A: Hello and welcome to {COMPANY} customer services. How can I help you this afternoon?",
	"A: {COMPANY}, good morning. Thanks for your patience – what's the reason for your call today?",
	"A: Hi, thanks for calling {COMPANY}. Before we start, can I ask what the call is about so I can make sure you're in the right place?",
}

var intros = []exchange{
	ex("C: Hi {AGENT}, this is {NAME}. I'm calling about {TOPIC}."),
	ex("C: Hello, yes, my name is {NAME} and I have a question about {TOPIC}."),
	ex("C: Hi there. It's {NAME} — I've been on hold for about {MINUTES} minutes, so I really hope you can help with {TOPIC}."),
	ex("C: Good morning. I'm calling on behalf of my {REL}, {RELNAME}, about {TOPIC}. My name is {NAME}."),
	ex("C: Yeah hi, {NAME} here. I need some help with {TOPIC}."),
	ex("C: Hi, I hope you can help. It's about {TOPIC}, and I've been putting off calling for a week because I hate being on hold.", "A: Well, you've got me now, so let's get it sorted."),
	ex("C: Hello, good morning. I'm phoning about {TOPIC}. My neighbour said you were quite helpful last time she called, so here I am.", "A: That's nice to hear! Let's see what we can do."),
	ex("C: Hi, um, my name's {FIRST}. I'm calling because of {TOPIC}."),
	ex("C: Hello? Sorry, the line was quiet for a second. I'm calling about {TOPIC}.", "A: No problem. Can I take your name, please?", "C: Of course, it's {NAME}."),
	ex("C: Hi. So, {TOPIC} – that's why I'm calling. I tried the app first but it just kept spinning.", "A: I'm sorry about that. Who am I speaking with?", "C: {NAME}."),
	ex("C: Hello, this is {HON} {LAST}. I got a letter about {TOPIC} and I'm a bit confused."),
	ex("C: Good afternoon, I'm ringing about {TOPIC}. I've had a letter and I don't understand half of it."),
	ex("C: Hi, I'm calling about {TOPIC}. I got an email about it this morning and I'm not sure what it means."),
	ex("C: Yes, hello. It's about {TOPIC} – I've tried sorting it out online twice now and I'm getting nowhere."),
	ex("C: Hi there. Quick question about {TOPIC}, hopefully.", "A: Sure, I'll do my best."),
	ex("C: Hello. I was told to call this number about {TOPIC}. I've already been transferred twice."),
	ex("C: Hi, good morning. So, {TOPIC}... honestly I don't even know where to start.", "A: That's okay, take your time and start wherever makes sense."),
	ex("C: Oh hi, finally a real person! I'm calling about {TOPIC}."),
}

var acks = []string{
	"A: Thanks, {FIRST}. Before we get started I just need to verify a few details.",
	"A: Okay, I'll do my best to sort it out for you.",
	"A: Okay, I can definitely help with that.",
	"A: Sure thing. Let me just pull up your file.",
	"A: Of course. I just need to ask a couple of security questions first.",
	"A: No problem at all, that's exactly what I'm here for.",
	"A: Alright, let's take a look together.",
	"A: I understand. Let me see what's going on.",
}

var verifications = []exchange{
	ex("A: Can you please confirm your date of birth for me?", "C: Sure, it's {DOB}."),
	ex("A: Could I have the {POSTALWORD} on the account?", "C: It's {ZIP}."),
	ex("A: And the phone number we have on file?", "C: That would be {PHONE}."),
	ex("A: What's the best email address to reach you?", "C: You can use {EMAIL}."),
	exFin("A: For security, can you give me the last four digits of the card on the account?", "C: It ends in {LAST4}."),
	ex("A: Can I get your full name as it appears on the account?", "C: {NAME}."),
	ex("A: Can you verify the address on the account, please?", "C: Yes, it's {FULLADDR}."),
	exUSFin("A: I'll also need your social security number to pull up the file.", "C: Okay, my social security number is {SSNC}."),
	exUSFin("A: Just the last four of your social is fine.", "C: {SSN4}."),
	ex("A: And your date of birth?", "C: I was born on {DOB}."),
	ex("A: Could you confirm the mobile number ending in {PHONE4}?", "C: Yes, that's still my number."),
	ex("A: What's the email on the account?", "C: Hmm, it should be {EMAIL}, unless my {REL} changed it."),
	ex("A: I see two accounts under that name. Can you tell me the street address?", "C: {ADDR}.", "A: Perfect, got it."),
	exUSFin("A: To verify, please confirm your SSN.", "C: It's {SSN}."),
	ex("A: I'm going to send a six-digit code to the phone on file. Can you read it back to me when it arrives?", "C: Okay... it's {CODE6}.", "A: Thank you, you're verified."),
	ex("A: What's the first line of your address?", "C: {ADDR}."),
}

var callbacks = []exchange{
	ex("A: In case we get cut off, what's the best number to call you back on?", "C: {PHONE}."),
	ex("A: Before we start, can I take a call-back number in case the line drops?", "C: Sure, it's {PHONE}."),
	ex("A: Is {PHONE} still the best number to reach you?", "C: Yes, that's my mobile."),
	ex("A: If we get disconnected, I'll call you straight back. Which number should I use?", "C: Use my work number, {PHONE2}. I'm at my desk until {TIME}."),
}

var fillers = []exchange{
	ex("A: Bear with me one moment while I pull that up.", "C: Sure, take your time."),
	ex("C: Sorry, can you hold on a second? My dog is barking at the mail carrier.", "A: No problem at all."),
	ex("A: I really appreciate your patience today.", "C: It's okay, it's not your fault."),
	ex("C: I'm at a café, so it's a bit loud here, sorry.", "A: That's fine, I can hear you."),
	ex("A: Our systems are a bit slow this morning, it might take about {MINUTES} minutes.", "C: That's alright."),
	ex("C: I've been with you since {YEAR}, you know.", "A: We really appreciate that, thank you for being a loyal customer."),
	ex("A: I'm just adding a note to the account so the next person can see what we discussed."),
	ex("C: Honestly, this is the third time I've called this week.", "A: I understand, and I'm going to make sure it's resolved today."),
	ex("A: Can I put you on a brief hold? It should be less than {MINUTES} minutes.", "C: Yes, that's fine.", "A: Thank you for holding."),
	ex("C: I’m sorry, the line cut out — could you say that again?", "A: Of course, no worries."),
	ex("C: My {N} kids are home today so excuse the noise.", "A: Ha, no problem, I've got {N} of my own."),
	ex("A: Just so you know, you can also do this online at {URL}.", "C: I tried, the site kept timing out."),
	ex("C: Is this call being recorded?", "A: Yes, calls are recorded for training and quality purposes."),
	ex("A: While I wait for that to load – is there anything else on the account you'd like me to look at?", "C: No, just this for now."),
	ex("C: Sorry, I'm driving, you're on speaker.", "A: No problem, please don't worry about writing anything down, I'll email you a summary."),
	ex("A: Our office hours are 8 am – 8 pm, Monday to Saturday, if you ever need to call back.", "C: Good to know."),
	ex("C: I was in the queue for {MINUTES} minutes yesterday and then it disconnected.", "A: I'm so sorry about that."),
	ex("A: The system is asking me to read a short notice. Your information is handled under our privacy policy, which you can find at {URL}."),
	ex("C: Sorry, I had to find my glasses. Okay, go ahead.", "A: No rush at all."),
	ex("A: Bear with me, the system just froze on me. Okay, it's back now."),
	ex("C: You know, the last person I spoke to was really rude, so thank you for being patient with me.", "A: I'm sorry to hear that. I'll pass that feedback on to the team."),
	ex("C: Can you speak up a little? It's pouring here and I'm standing under an umbrella.", "A: Sure, is this better?", "C: Much better, thanks."),
	ex("C: Sorry, somebody just walked in asking about dinner. Where were we?", "A: We were just looking at the account together."),
	ex("C: I'm writing all of this down, so give me a second.", "A: Of course, take your time."),
	ex("A: I know this has been frustrating, and I appreciate you staying on the line with me.", "C: Well, I appreciate you actually listening."),
	ex("C: My English is not perfect, sorry – I grew up in São Paulo.", "A: Your English is great, there's no need to apologise at all."),
	ex("C: Honestly I'd rather do this by chat, but the chat said the wait was {MINUTES} minutes.", "A: I understand. Phone is usually quicker at this time of day."),
	ex("A: Sorry, my headset is crackling a bit. Can you still hear me okay?", "C: Yes, you're fine."),
	ex("C: Can I ask – are you in the US or overseas?", "A: I'm working from home today, actually, but our team is based in the same building as head office."),
	ex("C: Sorry, I'm a bit flustered today, it's been one of those weeks.", "A: Don't worry at all, we'll get through it together."),
	ex("C: Can I just say, the hold music is really something.", "A: I've heard that a lot. I'll pass it on, but I can't promise they'll change it.", "C: Ha, fair enough."),
	ex("A: I'm going to stay on the line while the page refreshes, so don't hang up if it goes quiet for a moment.", "C: Okay, I'm still here."),
	ex("C: Sorry, one second, someone's at the door... okay, I'm back. It was just a delivery.", "A: No problem at all, welcome back."),
	ex("C: I'm not great with computers, so please bear with me if I ask silly questions.", "A: There are no silly questions. We'll go step by step."),
	ex("A: I'm just going to confirm a couple of things on my screen before I make any changes, so nothing gets undone by accident.", "C: Sure, better safe than sorry."),
	ex("C: Do you know if there's an easier way to do this next time, without calling?", "A: Most of it can be done in the app under Settings, then Account. But you're always welcome to call us."),
	ex("C: It's been a long day, honestly. I just want this sorted before the weekend.", "A: Completely understandable. Let's get it done for you now."),
	ex("A: Thanks for bearing with me – the system takes a moment to save everything.", "C: No problem. I'm just making a cup of tea while I wait."),
}

var closings = []exchange{
	ex("A: Is there anything else I can help you with today?", "C: No, that's everything. Thanks so much, {AGENT}.", "A: You're welcome, {FIRST}. Have a great day!"),
	ex("A: Thanks for calling {COMPANY}, {HON} {LAST}. You may get a short survey after the call.", "C: Sure, bye."),
	ex("C: Great, thanks for your help.", "A: My pleasure. Take care."),
	ex("A: If you need anything else, we're open 8 am – 8 pm, Monday to Saturday.", "C: Perfect, thank you.", "A: Bye now."),
	ex("A: Is there anything else?", "C: No, that's it. Have a good one.", "A: You too, bye."),
	ex("C: Okay. And if I need to call back, who should I ask for?", "A: Just ask for {AGENT}, or quote ticket {TICKET}.", "C: Got it. Thanks."),
	ex("A: I've sent a summary of today's call to {EMAIL}. Anything else I can do?", "C: No, that's all, thank you."),
	ex("A: Alright, you're all set. Thank you for your patience today.", "C: Thank you. Bye."),
	ex("C: Thanks, you've been really helpful.", "A: Glad I could help. Enjoy the rest of your {WEEKDAY}!"),
	ex("A: Is there anything else I can do for you?", "C: No, I think that covers it.", "A: Great. Thanks for calling, and have a lovely evening."),
	ex("C: Okay, I think that's everything. Sorry it took so long.", "A: Not at all, that's what we're here for. Take care now."),
	ex("A: Before you go, would you be willing to answer a quick two-question survey?", "C: Sure, why not.", "A: Thank you, I'll transfer you now. Have a good day."),
	ex("C: Right, thanks. Bye.", "A: Goodbye."),
}
