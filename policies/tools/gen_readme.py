# gen_readme.py - regenerate policies/README.md from README.tmpl, finding
# the file:line of every statement by the text its cite quotes, so the map
# stays exact when policies move.  --check: exit 1 if README.md is stale.
import os, re, sys
ROOT=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..') + os.sep
files={f:open(ROOT+f,encoding='utf-8').read().split('\n') for f in ('common.pol','derbyshire.pol','recovery.pol')}
def tests_start(f):
    for i,l in enumerate(files[f]):
        if l.startswith('# ---- tests'): return i
    return len(files[f])
def section(f,name):
    L=files[f]; start=None
    for i,l in enumerate(L):
        if l.startswith('# ----') and name in l: start=i; continue
        if start is not None and l.startswith('# ----'): return (start,i)
    assert start is not None,(f,name)
    return (start,len(L))
def cite(f,text,sec=None):
    lo,hi=(0,tests_start(f)) if sec is None else section(f,sec)
    hits=[i+1 for i in range(lo,hi) if re.search(r'\bcite "'+re.escape(text)+'"',files[f][i])]
    assert hits,(f,text,sec)
    return [f'{f}:{h}' for h in hits]
def line(f,regex):
    hits=[i+1 for i,l in enumerate(files[f][:tests_start(f)]) if re.search(regex,l)]
    assert len(hits)==1,(f,regex,hits)
    return [f'{f}:{hits[0]}']
def fmt(locs): return ', '.join(f'`{x}`' for x in locs)

D='derbyshire.pol'; R='recovery.pol'; C='common.pol'
NPS='National Probation Service'; CRC='Community Rehabilitation Company'
INIT="These are the dates where we aim to lift the national pauses we put in place"
EXP="Delivery to be expanded where possible, in line with remaining government guidance."

# rows: (statement, locs or None, note)
derby=[
 ("@","title"),
 ("Exceptional Delivery Plan for the National Probation Service (NPS) and Community Rehabilitation Company (CRC) and our social distancing guidance",
   cite(C,"National Probation Service (NPS)")+cite(C,"Community Rehabilitation Company (CRC)"), "title; the two providers are declared from it"),
 ("@","NPS details"),
 ("National Probation Service (NPS) details", None, "section heading; what follows it is encoded below"),
 ("The NPS have currently closed the Swadlincote, Ilkeston and Buxton Probation offices leaving the Derby and Chesterfield offices open.",
   cite(D,"The NPS have currently closed the Swadlincote, Ilkeston and Buxton Probation offices")+cite(D,"leaving the Derby and Chesterfield offices open"), ""),
 ("The Derby and Chesterfield offices are open on Mondays, Wednesday's and Fridays.",
   cite(D,"The Derby and Chesterfield offices are open on Mondays, Wednesday's and Fridays."), ""),
 ("During these times offenders will be seen within the social distancing guidelines.", None,
   "how offenders are seen, not who, where or when; no decision to encode (the plan does not give the guidelines)"),
 ("Only the following offenders are being seen face to face:", cite(D,"Only the following offenders are being seen face to face:",NPS), "NPS `otherwise remote`"),
 ("TACT service users", cite(D,"TACT service users",NPS), "bullet 1"),
 ("Very HIGH risk of harm cases", cite(D,"Very HIGH risk of harm cases",NPS), "bullet 2, clause 1"),
 ("MAPPA Leve 3", cite(D,"MAPPA Leve 3",NPS), "bullet 2, clause 2"),
 ("CPPC", cite(D,"CPPC",NPS), "bullet 2, clause 3"),
 ("High Profile", cite(D,"High Profile",NPS), "bullet 2, clause 4"),
 ("some High risk of harm cases where deemed appropriate", cite(D,"some High risk of harm cases where deemed appropriate",NPS), "bullet 2, clause 5: `discretionary`"),
 ("Service users without a phone", cite(D,"Service users without a phone",NPS), "bullet 3"),
 ("Prison leavers reporting for their initial appointment (subsequent appointments can be done via telephone/ WhatsApp where appropriate)",
   cite(D,"Prison leavers reporting for their initial appointment",NPS)+cite(D,"(subsequent appointments can be done via telephone/ WhatsApp where appropriate)",NPS), "bullet 4; the parenthesis is the `otherwise remote` rule"),
 ("Door step supervision is also being undertaken for high risk cases and other high priority cases where face to face contact has been assessed as being required.",
   cite(D,"Door step supervision is also being undertaken for high risk cases and other high priority cases where face to face contact has been assessed as being required.",NPS), "`doorstep when risk >= high or high_priority`"),
 ("Please note that this does not involve going into the home of the offender but will be phone contact whilst viewing the offender through the window of the property.",
   cite(D,"Please note that this does not involve going into the home of the offender but will be phone contact whilst viewing the offender through the window of the property.",NPS)+line(D,r'^\s*> doorstep '),
   "cited on the `doorstep` rule; also the description of the `doorstep` mode (a `modes` statement cannot carry a `cite`)"),
 ("This means that there are significant limits on our ability to manage risk with any rigor.", None, "a caveat about risk management; no decision attached"),
 ("Staff continue to work remotely at home and maintain contact with their offenders remotely by phone, skype and email.",
   cite(D,"Staff continue to work remotely at home and maintain contact with their offenders remotely by phone, skype and email.",NPS), "NPS `otherwise remote`"),
 ("Staff can be contacted on their work mobiles or by email during normal office hours.",
   cite(D,"Staff can be contacted on their work mobiles or by email during normal office hours.",NPS), "an NPS `service` with no days: the plan does not say what 'normal office hours' are"),
 ("@","CRC details"),
 ("Community Rehabilitation Company (CRC) details", None, "section heading; what follows it is encoded below"),
 ("The CRC have currently closed the Swadlincote and Ilkeston Probation offices leaving the Derby, Chesterfield and Buxton offices open.",
   cite(D,"The CRC have currently closed the Swadlincote and Ilkeston Probation offices")+cite(D,"leaving the Derby, Chesterfield and Buxton offices open"), ""),
 ("The Derby and Chesterfield offices are open on Mondays to Friday for planned appointments only, Buxton office is open Wednesday only.",
   cite(D,"The Derby and Chesterfield offices are open on Mondays to Friday for planned appointments only")+cite(D,"Buxton office is open Wednesday only."), "'planned appointments only' is a `note` on the schedule"),
 ("Our telephone lines remain open Monday – Friday 9am – 5pm.", cite(D,"Our telephone lines remain open Monday – Friday 9am – 5pm."), "a CRC `service`"),
 ("During these times offenders will be seen within the social distancing guidelines.", None, "as in the NPS section: how, not who or when"),
 ("Only the following offenders are being seen face to face:", cite(D,"Only the following offenders are being seen face to face:",CRC), "CRC `otherwise remote`"),
 ("Service users without a phone", cite(D,"Service users without a phone",CRC), "CRC bullet 1"),
 ("Prison leavers reporting for their initial appointment (subsequent appointments can be done via telephone/ WhatsApp where appropriate)",
   cite(D,"Prison leavers reporting for their initial appointment",CRC)+cite(D,"(subsequent appointments can be done via telephone/ WhatsApp where appropriate)",CRC), "CRC bullet 2"),
 ("Cases with an active Child Protection and Domestic Abuse risk flag", cite(D,"Cases with an active Child Protection and Domestic Abuse risk flag",CRC), "CRC bullet 3; either flag alone"),
 ("Cases that are on the cusp of risk escalation to NPS", cite(D,"Cases that are on the cusp of risk escalation to NPS",CRC), "CRC bullet 4"),
]

rec=[
 ("@","page"),
 ("Our approach to recovery The overarching principles guiding", None, "title of the web page the slides were taken from"),
 ("• Slides: 3", None, "web page furniture, not part of the plan"),
 ("Download presentation", None, "web page furniture, not part of the plan"),
 ("@","slide 1"),
 ("Our approach to recovery The over-arching principles guiding the implementation of the Recovery Plan are:", None, "slide 1 heading (it appears twice in the text)"),
 ("The health and safety of staff and our service users remains our overarching priority in everything we do.", None, "a principle; no decision, date or activity attached"),
 ("We will be flexible and agile and respond to any changes in the National Roadmap for England Welsh Government plans.", None,
   "a commitment to respond to future changes; no decision attached. The two nations it names are declared at "+fmt(cite(C,"National Roadmap for England")+cite(C,"Welsh Government plans"))),
 ("The dates we have included are ‘not before’ dates reflecting the National Roadmap.",
   cite(R,"The dates we have included are ‘not before’ dates reflecting the National Roadmap."), "the meaning of a step's date: the earliest date (on `step1`; it holds for every step)"),
 ("These are the dates where we aim to lift the national pauses we put in place if it is safe to do so, and enable Regional Probation Directors and CRC CEOs to then make decisions on recommencing activities based on local circumstances.",
   cite(R,"enable Regional Probation Directors and CRC CEOs to then make decisions on recommencing activities based on local circumstances")+cite(R,INIT),
   "the condition `local_decision`, and the `initially` entry (paused) of every activity paused nationally"),
 ("We will continue to ensure all our decisions are guided by the advice of Public Health England Public Health Wales and we will only re-introduce or increase aspects of our delivery when appropriate.", None,
   "a principle about how decisions are made; no decision attached"),
 ("We will continue to closely liaise with Trade Unions nationally and Senior Leaders will do locally on all aspects of this national plan and in respect of local plans.", None,
   "a principle about consultation; no decision attached (the one step that waits on the unions is encoded with `union_agreement`)"),
 ("Our plans have been developed on the assumption that the 2 meter social distancing rule and guidance on the wearing of face masks and face coverings remains in place.", None,
   "an assumption behind the plan, not a decision; the language has no way to make entries depend on it"),
 ("Effective hand hygiene also remains integral for everyone to observe.", None, "hygiene guidance; no decision attached"),
 ("For some of our services, we will need to remain in line with recovery decisions made elsewhere in the justice system.", None,
   "introduces the next two bullets, which are encoded"),
 ("Delivery of face to face Offender Management in Custody and Through the Gate services will be dependent on the individual prison regime stage.",
   cite(R,"dependent on the individual prison regime stage")+cite(R,"face to face Offender Management in Custody and Through the Gate services")+cite(R,"Delivery of face to face Offender Management in Custody and Through the Gate services will be dependent on the individual prison regime stage."),
   "condition `prison_regime_stage`; activity `custody_offender_management`: its declaration and `initially` entry"),
 ("Prisons will be able to request a gradual rolling back of their regime restrictions via Regime Review panel from 8 th March, based on local circumstances and infection rates.",
   cite(R,"Prisons will be able to request a gradual rolling back of their regime restrictions via Regime Review panel from 8 th March, based on local circumstances and infection rates."),
   "`custody_offender_management`, entry of 2021-03-08"),
 ("Expectation is that this work will be part of this recovery.", None, "an expectation; no date or decision attached"),
 ("Similarly, our provision of in-person probation court work will be in line with wider court recovery decisions.",
   cite(R,"in line with wider court recovery decisions")+cite(R,"in-person probation court work")+cite(R,"Similarly, our provision of in-person probation court work will be in line with wider court recovery decisions."),
   "condition `court_recovery`; activity `court_work_in_person`: its declaration and `initially` entry (no date is given)"),
 ("@","slides 2–3"),
 ("Recovery steps in probation", None, "title of slides 2 and 3; the step dates that follow it are encoded in the next rows"),
 ("STEP 1 – not before 8 March / 29 March", cite(R,"STEP 1 – not before 8 March / 29 March"), "column heading (slides 2 and 3, and in each slide title): `step1`"),
 ("STEP 2 - Not before 12 April", cite(R,"STEP 2 - Not before 12 April"), "column heading: `step2`"),
 ("STEP 3 - Not before 17 May", cite(R,"STEP 3 - Not before 17 May"), "column heading: `step3`"),
 ("STEP 4 - Not before 21 June", cite(R,"STEP 4 - Not before 21 June"), "column heading: `step4`"),
 ("@","Unpaid work row"),
 ("Unpaid work", cite(R,"Unpaid work"), "row heading (repeated in every cell of the row): the declarations of `upw_outdoor`, `upw_indoor`"),
 ("Expand the scope of UPW in England to match delivery in Wales (not before 8/3).",
   cite(R,"Expand the scope of UPW in England to match delivery in Wales (not before 8/3).")+cite(R,"to match delivery in Wales"),
   "step 1 cell: `upw_outdoor` England from `step1`; Wales `initially` permitted"),
 ("Resume all outdoor UPW, but restricting numbers to groups of 6 (not before 29/3).",
   cite(R,"Resume all outdoor UPW, but restricting numbers to groups of 6 (not before 29/3)."), "step 1 cell: `upw_outdoor` England and Wales, 2021-03-29, `max_group 6`"),
 ("Indoor placements- no change.", cite(R,"Indoor placements- no change."), "step 1 cell: `upw_indoor`, 2021-03-29, `no change`"),
 ("Review the pause of indoor UPW placements, where appropriate in line with government roadmap.",
   cite(R,"the pause of indoor UPW placements")+cite(R,"Review the pause of indoor UPW placements, where appropriate in line with government roadmap."),
   "step 2 cell: `upw_indoor` `initially` (paused) and from `step2`"),
 ("Review capacity of outdoor UPW based on local circumstances with limited group numbers as required in line with govt. guidelines (30 mixing outdoors).",
   cite(R,"Review capacity of outdoor UPW based on local circumstances with limited group numbers as required in line with govt. guidelines (30 mixing outdoors)."),
   "step 3 cell: `upw_outdoor` England and Wales, `max_group 30`"),
 (EXP, cite(R,"Unpaid work "+EXP), "step 4 cell: `upw_outdoor` England, Wales; `upw_indoor`"),
 ("@","Accredited programmes row"),
 ("Accredited programmes", cite(R,"Accredited programmes"), "row heading: the declarations of `ap_one_to_one`, `ap_group`"),
 ("Lift the national pause to allow RPDs/CRCs to make decisions around 1: 1 Accredited Programme delivery where required, for SUs for which the ADF does not work due to individual need e. g. SUs with learning difficulties etc (not before 8/3).",
   cite(R,"for SUs for which the ADF does not work due to individual need e. g. SUs with learning difficulties etc")+cite(R,"Lift the national pause to allow RPDs/CRCs to make decisions around 1: 1 Accredited Programme delivery where required, for SUs for which the ADF does not work due to individual need e. g. SUs with learning difficulties etc (not before 8/3)."),
   "step 1 cell: condition `individual_need`; `ap_one_to_one` from `step1`"),
 ("Begin a re-engagement delivery plan with SUs (22/03) which will include virtual contact, scheduling and advise to SUs of requirements, to support and maximise the return to group delivery (12/04).",
   cite(R,"Begin a re-engagement delivery plan with SUs (22/03) which will include virtual contact, scheduling and advise to SUs of requirements, to support and maximise the return to group delivery (12/04)."),
   "step 1 cell: `ap_group`, 2021-03-22, not permitted, with that status"),
 ("Lift the national pause to allow RPDs/CRCs to make decisions around accredited programme delivery in both smaller group (2 -3 participants) and the primary format (4– 12 participants) as appropriate and in accordance with government direction of travel.",
   cite(R,"Lift the national pause to allow RPDs/CRCs to make decisions around accredited programme delivery in both smaller group (2 -3 participants) and the primary format (4– 12 participants) as appropriate and in accordance with government direction of travel."),
   "step 2 cell: `ap_group` from `step2`, `min_group 2`, `max_group 12`"),
 ("Group size will be dependent on venue size and the ability to maintain social distancing.",
   cite(R,"Group size will be dependent on venue size and the ability to maintain social distancing."), "step 2 cell: condition `venue_size`; `ap_group` from `step2`"),
 ("Delivery by 2 facilitators in accordance with accreditation.", cite(R,"Delivery by 2 facilitators in accordance with accreditation."), "step 2 cell: `ap_group`, `facilitators 2`"),
 ("No change.", cite(R,"Accredited programmes No change."), "step 3 cell: `no change` for `ap_one_to_one` and `ap_group`"),
 (EXP, cite(R,"Accredited programmes "+EXP), "step 4 cell: `ap_one_to_one`, `ap_group`"),
 ("@","Polygraph row"),
 ("Polygraph Examinations", cite(R,"Polygraph Examinations"), "row heading: the declaration of `polygraph`"),
 ("Review of pause on this service, in line with PH advice (not before 8/3).", cite(R,"Review of pause on this service, in line with PH advice (not before 8/3)."), "step 1 cell: `polygraph` from `step1`, still not permitted"),
 ("Delivery of polygraph examinations to commence (not before 29/3), allowing time for handover of cases in current role and for scheduling of examinations in offices offering LFTs, booking rooms, advising SUs.",
   cite(R,"offices offering LFTs")+cite(R,"Delivery of polygraph examinations to commence (not before 29/3), allowing time for handover of cases in current role and for scheduling of examinations in offices offering LFTs, booking rooms, advising SUs."),
   "step 1 cell: condition `lateral_flow_testing`; `polygraph`, 2021-03-29"),
 ("Encourage continued expansion of polygraph examinations in all regions, as the expansion of LFT provision expands into more Community Contact centres.",
   cite(R,"Encourage continued expansion of polygraph examinations in all regions, as the expansion of LFT provision expands into more Community Contact centres."), "step 2 cell"),
 ("Further expansion of delivery across offices, as LFT rolls out further.", cite(R,"Further expansion of delivery across offices, as LFT rolls out further."), "step 3 cell"),
 (EXP, cite(R,"Polygraph Examinations "+EXP), "step 4 cell"),
 ("@","1:1 supervision row"),
 ("1: 1 Offender Supervision in contact centres", cite(R,"1: 1 Offender Supervision in contact centres"), "row heading: the declaration of `supervision_one_to_one`"),
 ("(No change at this stage)", cite(R,"1: 1 Offender Supervision in contact centres (No change at this stage)"),
   "step 1 cell: `initially` permitted (the activity was running) and `no change` at `step1`"),
 ("Regions encouraged to increase contact in line with wider relaxation of restrictions.",
   cite(R,"1: 1 Offender Supervision in contact centres Regions encouraged to increase contact in line with wider relaxation of restrictions."), "step 2 cell"),
 ("Regions encouraged to further increase contact in line with wider relaxation of restrictions.",
   cite(R,"1: 1 Offender Supervision in contact centres Regions encouraged to further increase contact in line with wider relaxation of restrictions."), "step 3 cell"),
 (EXP, cite(R,"1: 1 Offender Supervision "+EXP), "step 4 cell"),
 ("@","Drug testing (community) row"),
 ("Oral Fluid Drug testing in the community", cite(R,"Oral Fluid Drug testing in the community"), "row heading: the declaration of `drug_testing_community`"),
 ("Re-introduce testing in 5 sites in East of England, (not before 8/3) and 2 sites in Wales (not before 15. 03. 21).",
   cite(C,"5 sites in East of England")+cite(R,"Re-introduce testing in 5 sites in East of England, (not before 8/3)")+cite(R,"and 2 sites in Wales (not before 15. 03. 21)."),
   "step 1 cell: region `East_of_England`; East of England from `step1`, `sites 5`; Wales 2021-03-15, `sites 2`"),
 ("(No change at this stage)", cite(R,"Oral Fluid Drug Testing in the community (No change at this stage)"), "second cell, read as step 2: `no change` in England and in Wales"),
 (EXP, cite(R,"Oral Fluid Drug Testing in the community "+EXP), "last cell, step 4: England and Wales"),
 ("Wider roll out across more (expected to be all) community contact centres based on the experience of the test / pilot sites (not before 22/3).",
   cite(R,"Wider roll out across more (expected to be all) community contact centres based on the experience of the test / pilot sites (not before 22/3)."),
   "the slide's last sentence: England, 2021-03-22, in step 1"),
 ("@","Approved premises row"),
 ("Approved premises", cite(R,"Approved premises"), "row heading: the declarations of `drug_testing_premises`, `premises_shared_rooms`"),
 ("Oral fluid drug testing in approved premises to resume in England (not before 22/03).",
   cite(R,"Oral fluid drug testing in approved premises to resume in England (not before 22/03)."), "step 1 cell: `drug_testing_premises` England, 2021-03-22"),
 ("Review current single room occupancy Vs a return to multiple room occupancy (subject to further discussion, single occupation may remain the default position where possible).",
   cite(R,"(subject to further discussion, single occupation may remain the default position where possible)")+cite(R,"current single room occupancy")+cite(R,"Review current single room occupancy Vs a return to multiple room occupancy (subject to further discussion, single occupation may remain the default position where possible)."),
   "step 2 cell: condition `occupancy_review`; `premises_shared_rooms` `initially` and from `step2` (not permitted)"),
 ("(No change at this stage)", cite(R,"Approved premises (No change at this stage)"), "step 3 cell: `no change` for both activities"),
 (EXP, cite(R,"Approved premises "+EXP), "step 4 cell: both activities"),
 ("@","Home visits row"),
 ("Home visits", cite(R,"Home visits"),
   "row heading: the declarations of `home_visits_yot`, `home_visits_police_joint`, `home_visits`"),
 ("(No change at this stage)", cite(R,"Home visits (No change at this stage)"), "step 1 cell: `no change` (still paused) for the three activities"),
 ("Lift national pause on home visits for probation staff working in Youth Offending Teams, as well as for staff conducting joint home visits with Police Colleagues for Sexual Offender cases.",
   cite(R,"Lift national pause on home visits for probation staff working in Youth Offending Teams")+cite(R,"as well as for staff conducting joint home visits with Police Colleagues for Sexual Offender cases."),
   "step 2 cell: `home_visits_yot` and `home_visits_police_joint` from `step2`"),
 ("Lift national pause on all home visits (tbc with unions), inclusive of home visits with victims and SUs.",
   cite(R,"(tbc with unions)")+cite(R,"Lift national pause on all home visits (tbc with unions), inclusive of home visits with victims and SUs."),
   "step 3 cell: condition `union_agreement`; `home_visits` from `step3`"),
 (EXP, cite(R,"Home visits "+EXP), "step 4 cell: the three activities"),
]

def table(rows):
    out=["| # | part | statement in the source | encoded at | remarks |","|---|---|---|---|---|"]
    part=''; i=0
    for r in rows:
        if r[0]=='@': part=r[1]; continue
        s,locs,note=r; i+=1
        where=fmt(locs) if locs else "not encoded"
        out.append(f"| {i} | {part} | “{s}” | {where} | {note} |")
    return '\n'.join(out)
def counts(rows):
    rows=[r for r in rows if r[0]!='@']
    e=sum(1 for r in rows if r[1]); return len(rows),e,len(rows)-e
tmpl=open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'README.tmpl'),encoding='utf-8').read()
nd,ed,xd=counts(derby); nr,er,xr=counts(rec)
out=(tmpl.replace('@@DERBY_TABLE@@',table(derby)).replace('@@REC_TABLE@@',table(rec))
     .replace('@@DERBY_COUNTS@@',f"{nd} statements: {ed} encoded, {xd} not encoded")
     .replace('@@REC_COUNTS@@',f"{nr} statements: {er} encoded, {xr} not encoded"))
import re as _re
for f,k in (('derbyshire.pol','@@DERBY_ASSERTS@@'),('recovery.pol','@@REC_ASSERTS@@')):
    out=out.replace(k,str(sum(1 for l in files[f] if l.startswith('assert '))))
assert '@@' not in out
if '--check' in sys.argv[1:]:
    if open(ROOT+'README.md',encoding='utf-8').read() != out:
        sys.exit('policies/README.md is stale: run python3 policies/tools/gen_readme.py')
else:
    open(ROOT+'README.md','w',encoding='utf-8').write(out)
print(nd,ed,xd,nr,er,xr)
