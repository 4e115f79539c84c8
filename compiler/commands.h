/* commands.h - polc's commands; each takes the arguments after its name
 * and returns the exit status. */
#ifndef POL_COMMANDS_H
#define POL_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_build(int argc, char **argv);

#endif
