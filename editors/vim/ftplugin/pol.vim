" Vim filetype plugin for pol: the layout 'polc fmt' writes.
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:# commentstring=#\ %s
setlocal expandtab shiftwidth=2 softtabstop=2
" 'polc fmt %' shows the canonical layout; ':!polc fmt -w %' applies it.

let b:undo_ftplugin = "setlocal comments< commentstring< expandtab< shiftwidth< softtabstop<"
