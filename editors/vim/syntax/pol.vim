" Vim syntax file
" Language:	pol, the language of probation delivery plans
" Filenames:	*.pol
"
" The keywords are exactly those of compiler/keywords.def, grouped by role
" (tests/e2e/editor_keywords.sh checks it).  Install: copy or link the
" directories under editors/vim/ into ~/.vim/ (or a package's start/).

if exists("b:current_syntax")
  finish
endif

syn case match

" Keywords, one group per role; every one of compiler/keywords.def once.
syn keyword polKwDeclaration activity condition flag level modes nation office plan provider range region step
syn keyword polKwBlock schedule service contact timeline end
syn keyword polKwClause open closed cite note permitted covered status limit subject initially change otherwise when until except review by
syn keyword polKwTest expect assert every is least most on from before case date day area with where for at in to
syn keyword polKwOperator and or not no

" Weekdays and the limit keys are names the checker knows, not keywords.
syn keyword polWeekday Mon Tue Wed Thu Fri Sat Sun
syn keyword polLimitKey max_group min_group facilitators sites

" Numbers first: dates and times defined after them win where they start
" at the same place.
syn match polNumber "\<\d\+\>"
syn match polDate "\<\d\{4}-\d\d-\d\d\>"
syn match polTime "\<\d\{1,2}:\d\d\>"
syn match polOperator "==\|!=\|<=\|>=\|[<>=,-]\|\.\."

" Text: straight double quotes, \" \\ \n \t, may run over lines.
syn region polString start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=polEscape,polBadEscape
syn match polEscape +\\[\\"nt]+ contained
syn match polBadEscape +\\[^\\"nt]+ contained

" Comments run from # to the end of the line (a # inside text is text).
syn keyword polTodo TODO FIXME XXX NOTE contained
syn match polComment "#.*$" contains=polTodo,@Spell

hi def link polKwDeclaration Structure
hi def link polKwBlock Statement
hi def link polKwClause Keyword
hi def link polKwTest Conditional
hi def link polKwOperator Operator
hi def link polWeekday Constant
hi def link polLimitKey Identifier
hi def link polNumber Number
hi def link polDate Constant
hi def link polTime Constant
hi def link polOperator Operator
hi def link polString String
hi def link polEscape SpecialChar
hi def link polBadEscape Error
hi def link polTodo Todo
hi def link polComment Comment

let b:current_syntax = "pol"
